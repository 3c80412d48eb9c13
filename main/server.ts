// Headless entry (`node out/main/server.js`): the hub without Electron.
import { runHeadless } from './core/run-headless';

void runHeadless(process.argv.slice(2).filter((a) => a !== '--server'));
