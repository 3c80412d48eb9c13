// The V8 flags the headless hub runs with: `npm start`, bin/cchub.js, the Dockerfile's CMD and `npm run bench` all
// pass exactly these (test/packaging/node-flags.test.ts keeps them in step). Measured under `npm run bench` (Node 24):
// - a 2 MB semi-space: scavenges free dead socket and body buffers before they push V8's global limit into full
//   mark-compacts (Node 24's default young generation lets the same load hold ~330 MB instead of ~160; 1 MB holds no
//   less than 2);
// - 1.3× old-space growth instead of V8's default: the heap stays near its live size (~10 MB less under load).
// `--v8-pool-size=1`, which saved 4–8 MB of worker malloc arenas on Node 20, measured nothing on Node 24 (peak
// 152–161 MB without it, 156–169 MB with it), so it is not passed.
export const HUB_NODE_FLAGS = ['--max-semi-space-size=2', '--heap-growing-percent=30'];
