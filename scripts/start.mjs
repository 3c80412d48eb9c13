// `npm start`: builds when out/ is missing or stale, then runs the headless hub in this process.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { exitUnlessSupportedNode } from '../bin/node-version.js';
import { buildIsStale } from './build-state.mjs';

exitUnlessSupportedNode(); // before the build and the hub, which need Node 22+

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (buildIsStale(root)) {
  process.stdout.write('cchub: building (sources changed since the last build)…\n');
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await import(pathToFileURL(join(root, 'out/main/server.js')).href);
