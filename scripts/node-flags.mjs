// The V8 flags the headless hub runs with: `npm start`, bin/cchub.js, the Dockerfile's CMD and `npm run bench` all
// pass exactly these (test/packaging/node-flags.test.ts keeps them in step).
// - a 2 MB semi-space: scavenges free dead socket and body buffers before they push V8's global limit into full
//   mark-compacts, which under load would otherwise hold about twice the memory;
// - 1.3x old-space growth instead of V8's default: the heap stays near its live size.
// docs/performance.md has the measurements behind each, and why no other flag is passed.
export const HUB_NODE_FLAGS = ['--max-semi-space-size=2', '--heap-growing-percent=30'];
