// `npm test`: build, type-check, lint, every vitest suite (the integration tests use the built server too), the keychain.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const steps = [
  ['build', bin('electron-vite'), ['build', '--logLevel', 'warn']],
  ['typecheck', bin('tsc'), ['-b', '--noEmit']],
  ['lint', bin('biome'), ['check', '.']],
  ['tests', bin('vitest'), ['run', ...process.argv.slice(2)]],
  // The real OS keychain (Secret Service under a private D-Bus session); fails when D-Bus or gnome-keyring is missing.
  ['keychain', process.execPath, [join(root, 'scripts', 'keychain-tests.mjs')]],
];
for (const [name, cmd, args] of steps) {
  process.stdout.write(`\n== ${name}\n`);
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    process.stderr.write(`npm test: ${name} failed\n`);
    process.exit(r.status ?? 1);
  }
}
