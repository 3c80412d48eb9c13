// Builds resources/prices.json, the bundled price snapshot, from LiteLLM's price table (by default the repository's
// own snapshot in vendor/litellm; see its README for origin, date and checksum).
// Usage: node scripts/build-prices.mjs [input.json] [--out output.json]
// Keeps entries whose `mode` is chat, responses, completion or embedding, every field verbatim, sorted by model
// name, one entry per line so a refreshed snapshot diffs cleanly.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const KEPT_MODES = new Set(['chat', 'responses', 'completion', 'embedding']);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
if (positionals.length > 1) throw new Error('usage: node scripts/build-prices.mjs [input.json] [--out output.json]');
const input = positionals[0]
  ? path.resolve(positionals[0])
  : path.join(repoRoot, 'vendor', 'litellm', 'litellm-model-prices.json');
const output = options.out ? path.resolve(options.out) : path.join(repoRoot, 'resources', 'prices.json');

const bytes = readFileSync(input);
const table = JSON.parse(bytes.toString('utf8'));
if (typeof table !== 'object' || table === null || Array.isArray(table)) {
  throw new Error(`${input}: expected a JSON object of model -> entry`);
}

const names = Object.keys(table)
  .filter((name) => {
    const entry = table[name];
    return typeof entry === 'object' && entry !== null && KEPT_MODES.has(entry.mode);
  })
  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
if (names.length === 0) throw new Error(`${input}: no chat, responses, completion or embedding models`);

const source = {
  file: path.basename(input),
  sha256: createHash('sha256').update(bytes).digest('hex'),
  models: names.length,
};
const lines = names.map((name) => `${JSON.stringify(name)}:${JSON.stringify(table[name])}`);
const text = `{"source":${JSON.stringify(source)},"models":{\n${lines.join(',\n')}\n}}\n`;

writeFileSync(output, text);
console.log(`build-prices: ${names.length} models -> ${path.relative(process.cwd(), output) || output}`);
