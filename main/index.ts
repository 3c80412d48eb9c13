// Electron entry: the desktop app (window + tray); `--server` runs the same hub headless; `--export-key` prints the key.
import { app } from 'electron';
import { ConfigError } from './core/config';
import { electronEntry } from './desktop/argv';

function entry(): ReturnType<typeof electronEntry> {
  try {
    return electronEntry(process.argv, Boolean((process as { defaultApp?: boolean }).defaultApp));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`cchub: ${err.message}\n`);
    process.exit(2);
  }
}

const { mode, args } = entry();
if (mode === 'server') {
  // Headless: no window, no tray, no Dock icon; the same start line, signals and exit codes as `node out/main/server.js`.
  app.dock?.hide();
  void import('./core/run-headless').then((m) => m.runHeadless(args));
} else if (mode === 'export-key') {
  app.dock?.hide();
  void import('./core/secrets/export-key').then(async ({ runExportKey }) => {
    const code = await runExportKey({
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
    });
    app.exit(code);
  });
} else {
  void import('./desktop/app').then((m) =>
    m.runDesktop().catch((err: unknown) => {
      process.stderr.write(`cchub: ${err instanceof Error ? err.message : String(err)}\n`);
      app.exit(1);
    }),
  );
}
