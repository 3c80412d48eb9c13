// The console e2e tests drive the built bundle (out/renderer): refuse to run against a missing or stale build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
const BUILT_INDEX = join(REPO_ROOT, 'out', 'renderer', 'index.html');
const SOURCES = ['renderer', 'shared', 'electron.vite.config.ts'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return path.endsWith('.test.ts') ? 0 : st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Throws when out/renderer is missing or older than renderer/ or shared/ (`npm test` builds first). */
export function assertConsoleBuilt(): void {
  if (!existsSync(BUILT_INDEX)) {
    throw new Error('out/renderer is missing: run `npx electron-vite build` (or `npm test`, which builds first)');
  }
  const built = statSync(BUILT_INDEX).mtimeMs;
  const newest = Math.max(...SOURCES.map((s) => newestMtime(join(REPO_ROOT, s))));
  if (newest > built) {
    throw new Error(
      'out/renderer is older than renderer/ or shared/: run `npx electron-vite build` (or `npm test`, which builds first)',
    );
  }
}
