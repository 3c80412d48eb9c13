// WAL checkpoints off the event loop: a worker thread with its own connection runs passive checkpoints on a timer.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Runs in the worker (CommonJS eval): opens the file, checkpoints every `intervalMs`, closes on 'stop'. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
db.pragma('cache_size = -256'); // checkpoints copy WAL frames straight to the file: no page cache needed
const run = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage(String(err)); } };
const timer = setInterval(run, workerData.intervalMs);
parentPort.on('message', (m) => { if (m === 'stop') { clearInterval(timer); run(); db.close(); parentPort.close(); } });
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(file: string, intervalMs: number, onError: (message: string) => void): Checkpointer {
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, intervalMs, modulePath },
    // It allocates next to nothing: small heap limits keep its isolate from reserving the defaults.
    resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
  });
  worker.on('message', (m: unknown) => onError(String(m)));
  worker.on('error', (err) => onError(String(err)));
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        // Keep the process alive until the worker is gone: shutdown awaits this with nothing else pending.
        worker.ref();
        const fallback = setTimeout(() => void worker.terminate(), 2000);
        worker.once('exit', () => {
          clearTimeout(fallback);
          resolve();
        });
        worker.postMessage('stop');
      }),
  };
}
