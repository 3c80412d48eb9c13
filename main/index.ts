// Electron entry: `--server` runs the same headless hub; otherwise the desktop app (window + tray) starts.
import { runHeadless } from './core/run-headless';

const argv = process.argv.slice(1).filter((a) => !a.endsWith('.js') && a !== '.');
if (argv.includes('--server')) {
  void runHeadless(argv.filter((a) => a !== '--server'));
} else {
  void import('./desktop/app').then((m) => m.runDesktop());
}
