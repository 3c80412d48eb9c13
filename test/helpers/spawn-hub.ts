// Spawns the built headless hub (`node out/main/server.js`) as a child process and waits for its start line.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
// @ts-expect-error plain ESM helper without types
import { buildIsStale } from '../../scripts/build-state.mjs';

export const REPO_ROOT = join(__dirname, '..', '..');
export const SERVER_JS = join(REPO_ROOT, 'out', 'main', 'server.js');

export interface SpawnedHub {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
}

/** Fails loudly when the build is missing or stale: `npm test` builds first; run `npm run build` when using vitest alone. */
export function assertBuilt(): void {
  if ((buildIsStale as (root: string) => boolean)(REPO_ROOT)) {
    throw new Error('out/ is missing or older than the sources: run `npm run build` (npm test does it for you)');
  }
}

export function spawnHub(
  env: Record<string, string>,
  opts: { cwd?: string; args?: string[] /** The hub's open-file limit (`ulimit -n`). */; nofile?: number } = {},
): Promise<SpawnedHub> {
  assertBuilt();
  const argv = [SERVER_JS, ...(opts.args ?? [])];
  const [cmd, args] =
    opts.nofile === undefined
      ? [process.execPath, argv]
      : ['sh', ['-c', `ulimit -n ${opts.nofile} && exec "$0" "$@"`, process.execPath, ...argv]];
  const child = spawn(cmd, args, {
    cwd: opts.cwd ?? REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', CCHUB_PORT: '0', CCHUB_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`hub did not start in 20 s\nstdout: ${out}\nstderr: ${err}`)),
      20_000,
    );
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /cchub listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] as string, stdout: () => out, stderr: () => err });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code} before listening\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

export function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
