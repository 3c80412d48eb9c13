// The V8 flags the headless hub runs with: `npm start`, bin/cchub.js, the Dockerfile's CMD and `npm run bench` all
// pass exactly these (test/packaging/node-flags.test.ts keeps them in step). A 4 MB semi-space and a 1.3× old-space
// growth factor hold the hub's RSS under load near 120 MB instead of ~170 MB, at no throughput cost measured here.
export const HUB_NODE_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=30'];
