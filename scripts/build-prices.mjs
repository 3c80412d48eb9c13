// Builds resources/prices.json, the bundled price snapshot, from LiteLLM's price table in ../shared/data.
// Usage: node scripts/build-prices.mjs [input.json] [output.json]
// Keeps entries whose `mode` is chat, responses or completion, every field verbatim, sorted by model
// name, one entry per line so a refreshed snapshot diffs cleanly.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const KEPT_MODES = new Set(['chat', 'responses', 'completion']);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const input = process.argv[2]
  ? path.resolve(process.argv[2])
  : path.resolve(repoRoot, '..', 'shared', 'data', 'litellm-model-prices.json');
const output = process.argv[3] ? path.resolve(process.argv[3]) : path.join(repoRoot, 'resources', 'prices.json');

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
if (names.length === 0) throw new Error(`${input}: no chat, responses or completion models`);

const source = {
  file: path.basename(input),
  sha256: createHash('sha256').update(bytes).digest('hex'),
  models: names.length,
};
const lines = names.map((name) => `${JSON.stringify(name)}:${JSON.stringify(table[name])}`);
const text = `{"source":${JSON.stringify(source)},"models":{\n${lines.join(',\n')}\n}}\n`;

writeFileSync(output, text);
console.log(`build-prices: ${names.length} models -> ${path.relative(process.cwd(), output) || output}`);
