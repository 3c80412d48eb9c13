// `npm run test:keychain` (and npm test's keychain step): the real-keychain tests against gnome-keyring's Secret
// Service in a private D-Bus session, with a throwaway HOME so no real keyring is ever touched.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const INSTALL = 'install them with: apt-get install gnome-keyring dbus-x11 libsecret-1-0 (.ci/run does)';

if (process.platform !== 'linux') {
  process.stdout.write(
    `keychain tests: Linux only (Secret Service under dbus-run-session); skipped on ${process.platform}\n`,
  );
  process.exit(0);
}
for (const tool of ['dbus-run-session', 'gnome-keyring-daemon']) {
  const r = spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
  if (r.status !== 0) {
    process.stderr.write(`keychain tests: ${tool} not found; ${INSTALL}\n`);
    process.exit(1);
  }
}

const home = mkdtempSync(join(tmpdir(), 'cchub-keychain-home-'));
const env = { ...process.env, CCHUB_KEYCHAIN_TESTS: '1' };
for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'GNOME_KEYRING_CONTROL'])
  delete env[name];
Object.assign(env, {
  HOME: home,
  XDG_DATA_HOME: join(home, '.local/share'),
  XDG_CONFIG_HOME: join(home, '.config'),
  XDG_CACHE_HOME: join(home, '.cache'),
  XDG_RUNTIME_DIR: home,
});
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
// The daemon creates and unlocks a fresh login keyring with password "pw"; a failure to start fails the step.
const script =
  'echo pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1; ' +
  'exec "$0" "$1" run test/keychain';
const r = spawnSync('dbus-run-session', ['--', 'sh', '-c', script, process.execPath, vitest], {
  cwd: root,
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
});
rmSync(home, { recursive: true, force: true });
if (r.error) process.stderr.write(`keychain tests: ${r.error.message}\n`);
process.exit(r.status ?? 1);
