// `npm run dist`: build, package the desktop app with electron-builder (args pass through, e.g. `-- --linux`), then
// rebuild better-sqlite3 for Node again: electron-builder rebuilds it in node_modules for Electron's ABI, which
// plain Node (`npm start`, `npm test`) cannot load.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
const run = (cmd, args) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' });

let status = run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']).status;
if (status === 0) {
  status = run(process.execPath, [join(root, 'node_modules/electron-builder/cli.js'), ...process.argv.slice(2)]).status;
  process.stdout.write(
    '\ncchub dist: rebuilding better-sqlite3 for Node (electron-builder left it built for Electron)\n',
  );
  const restore = run('npm', ['rebuild', 'better-sqlite3']).status;
  if (restore !== 0)
    process.stderr.write('cchub dist: `npm rebuild better-sqlite3` failed: run it before npm start/test\n');
}
process.exit(status ?? 1);
