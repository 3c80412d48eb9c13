// The V8 flags the headless hub runs with: `npm start`, bin/cchub.js, the Dockerfile's CMD and `npm run bench` all
// pass exactly these (test/packaging/node-flags.test.ts keeps them in step). Measured under `npm run bench`:
// - a 2 MB semi-space: scavenges free dead socket and body buffers before they push V8's global limit into full
//   mark-compacts (69 KB bodies at c=16: 6 mark-compacts in 5 s instead of 30, +25 % throughput, −15 MB RSS; small
//   bodies pay ~3 % more GC);
// - 1.3× old-space growth instead of V8's default: the heap stays near its live size;
// - one V8 worker thread instead of four: each worker keeps its own malloc arena (−4 to −8 MB RSS), and the relay's
//   JavaScript runs on one thread anyway.
// Without them the same load holds ~170 MB.
export const HUB_NODE_FLAGS = ['--max-semi-space-size=2', '--heap-growing-percent=30', '--v8-pool-size=1'];
