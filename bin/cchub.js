#!/usr/bin/env -S node --max-semi-space-size=2 --heap-growing-percent=30
// The `cchub` command: the headless hub (flags: --host, --port, --data-dir, --trusted-proxies; secrets only from the environment).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { exitUnlessSupportedNode } from './node-version.js';

exitUnlessSupportedNode(); // before the hub (better-sqlite3 13, undici 8) is loaded: they need Node 22+

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const server = join(root, 'out/main/server.js');
if (!existsSync(server)) {
  process.stderr.write('cchub: not built yet; run `npm run build` (or `npm start`) in the cchub folder first\n');
  process.exit(1);
}
await import(pathToFileURL(server).href);
