// Headless entry (`node out/main/server.js`): the hub without Electron; `--export-key` prints the keychain's data key;
// `backup FILE` copies a data directory's database.
import { ConfigError, entryMode } from './core/config';
import { runHeadless } from './core/run-headless';

const args = process.argv.slice(2);
if (args[0] === 'backup') {
  void import('./core/backup-cli').then(async ({ runBackupCli }) => {
    process.exitCode = await runBackupCli(args.slice(1), process.env, {
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
    });
  });
} else startEntry();

function startEntry(): void {
  let mode: ReturnType<typeof entryMode>;
  try {
    mode = entryMode(args, 'server');
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`cchub: ${err.message}\n`);
    process.exit(2);
  }
  if (mode === 'export-key') {
    void import('./core/secrets/export-key').then(async ({ runExportKey }) => {
      process.exitCode = await runExportKey({
        stdout: (t) => process.stdout.write(t),
        stderr: (t) => process.stderr.write(t),
      });
    });
  } else {
    void runHeadless(args.filter((a) => a !== '--server'));
  }
}
