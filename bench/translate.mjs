// `npm run bench:translate`: what format translation costs. One hub, the same Anthropic stream request served by an
// Anthropic provider (same format) and by an OpenAI Chat provider through translation, each reached by its own key:
// the first byte and the whole answer at concurrency 1 (sequential requests, the two kinds interleaved in blocks), and
// the hub's CPU per request under load (wrk, the two kinds alternating round by round so the machine's drift cancels).

import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { buildIfStale, checkMachine, cpuTicks, fail, median, startFake, startHub, stopAll, wrk } from './lib.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 2000);
const CONNS = 8;
const TICK_MS = 10; // /proc/<pid>/stat counts in clock ticks of 10 ms (USER_HZ 100)

const STREAM_BODY = JSON.stringify({
  model: 'claude-sonnet-4-6',
  max_tokens: 64,
  stream: true,
  messages: [{ role: 'user', content: 'Say hello.' }],
});

/** One request: milliseconds to the first body byte and to the end. */
function once(url, key) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    let first = 0;
    const req = request(
      `${url}/v1/messages`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' },
        agent: false,
      },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
        res.on('data', () => {
          if (first === 0) first = Number(process.hrtime.bigint() - t0) / 1e6;
        });
        res.on('end', () => resolve({ first, total: Number(process.hrtime.bigint() - t0) / 1e6 }));
      },
    );
    req.on('error', reject);
    req.end(STREAM_BODY);
  });
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function main() {
  const busy = await checkMachine();
  buildIfStale((m) => process.stdout.write(`${m}\n`));
  const fake = await startFake();
  const hub = await startHub(fake.url);
  // The translating provider is in a group of its own, so each key reaches exactly one of the two providers.
  await hub.api('/api/v1/providers', {
    name: 'chat',
    type: 'openai-chat',
    baseUrl: fake.url,
    apiKey: 'sk-bench-upstream',
    serves: ['anthropic'],
    groups: ['translated'],
  });
  const user = await hub.api('/api/v1/users', { name: 'translated', groups: ['translated'] });
  const { key: translatedKey } = await hub.api(`/api/v1/users/${user.id}/keys`, { name: 'translated' });
  const kinds = { same: hub.key, translated: translatedKey };

  const times = { same: { first: [], total: [] }, translated: { first: [], total: [] } };
  for (let i = 0; i < 200; i++) for (const key of Object.values(kinds)) await once(hub.url, key); // warm-up
  for (let block = 0; block < SEQUENTIAL / 100; block++) {
    for (const [kind, key] of Object.entries(kinds)) {
      for (let i = 0; i < 100; i++) {
        const t = await once(hub.url, key);
        times[kind].first.push(t.first);
        times[kind].total.push(t.total);
      }
    }
  }

  const bodyFile = join(hub.dataDir, 'stream.json');
  writeFileSync(bodyFile, STREAM_BODY);
  const cpu = { same: [], translated: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? ['same', 'translated'] : ['translated', 'same'];
    for (const kind of order) {
      const before = cpuTicks(hub.child.pid);
      const run = await wrk(hub.url, { conns: CONNS, seconds: SECONDS, bodyFile, key: kinds[kind] });
      if (run.errors || run.non2xx) fail(`${kind}: errors or non-2xx answers`);
      cpu[kind].push(((cpuTicks(hub.child.pid) - before) * TICK_MS) / run.requests);
    }
  }

  const row = (kind) =>
    `| ${kind} | ${pct(times[kind].first, 50).toFixed(3)} / ${pct(times[kind].first, 99).toFixed(3)} | ` +
    `${pct(times[kind].total, 50).toFixed(3)} | ${median(cpu[kind]).toFixed(3)} |`;
  process.stdout.write(
    `machine ${(busy * 100).toFixed(0)}% busy before the run; ${SEQUENTIAL} sequential requests per kind; ` +
      `${ROUNDS} rounds × ${SECONDS} s at c=${CONNS}\n` +
      '| stream served | first byte p50 / p99 (ms) | whole answer p50 (ms) | hub CPU per request (ms) |\n' +
      '| --- | --- | --- | --- |\n' +
      `${row('same')}\n${row('translated')}\n`,
  );
  await stopAll();
}

main().catch((err) => fail(err.stack ?? String(err)));
