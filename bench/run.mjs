// `npm run bench`: the relay's added latency, throughput, CPU and memory against a direct call and a bare proxy floor.
// The hub (and the floor proxy) run pinned to core 0; wrk and the fake upstream to core 1. Rounds are interleaved.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { claudeCodeBody } from './claude-code-body.mjs';
import {
  buildIfStale,
  checkMachine,
  cpuTicks,
  fail,
  HUB_TZ,
  loopDelay,
  median,
  memKb,
  rpsOf,
  SMALL_BODY,
  start,
  startFake,
  startHub,
  stopAll,
  wrk,
} from './lib.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** Another build's `main/server.js` to measure instead of this checkout's `out/` (a before/after on the same machine). */
const ENTRY = process.env.BENCH_ENTRY;

async function main() {
  if (!ENTRY) buildIfStale((msg) => process.stdout.write(`bench: ${msg}\n`));
  const busy = await checkMachine();

  const fake = await startFake();
  const hub = await startHub(fake.url, ENTRY);
  const { key, dataDir } = hub;
  const floor = await start(
    'taskset',
    ['-c', '0', process.execPath, 'bench/floor-proxy.mjs', fake.url],
    {},
    /floor listening on (http:\/\/\S+)/,
  );

  const files = {};
  const write = (name, text) => {
    const p = join(dataDir, `${name}.json`);
    writeFileSync(p, text);
    files[name] = p;
  };
  write('json', JSON.stringify(SMALL_BODY));
  write('stream', JSON.stringify({ ...SMALL_BODY, stream: true }));
  write('cc70k', claudeCodeBody({ stream: true }));

  const scenarios = [
    { name: 'json', body: 'json', c: 1 },
    { name: 'json', body: 'json', c: 16 },
    { name: 'json', body: 'json', c: 64 },
    { name: 'stream', body: 'stream', c: 1 },
    { name: 'stream', body: 'stream', c: 16 },
    { name: 'stream', body: 'stream', c: 64 },
    { name: `claude-code ${Math.round(readFileSync(files.cc70k).length / 1024)}KB stream`, body: 'cc70k', c: 1 },
    { name: `claude-code ${Math.round(readFileSync(files.cc70k).length / 1024)}KB stream`, body: 'cc70k', c: 16 },
  ];
  const targets = { direct: fake.url, floor: floor.url, hub: hub.url };
  const results = scenarios.map(() => ({ direct: [], floor: [], hub: [], cpuMsPerReq: [], loop: [], rssKb: 0 }));

  // warm-up
  for (const t of Object.values(targets)) await wrk(t, { conns: 4, seconds: SECONDS, bodyFile: files.json, key });
  let peakRssKb = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, s] of scenarios.entries()) {
      // The floor and the hub swap places every round, so neither always runs on the heels of the other.
      const order = round % 2 === 0 ? ['direct', 'floor', 'hub'] : ['direct', 'hub', 'floor'];
      for (const name of order) {
        const url = targets[name];
        const before = name === 'hub' ? cpuTicks(hub.child.pid) : 0;
        if (name === 'hub') await loopDelay(hub.url); // restarts the hub's event-loop delay histogram
        const r = await wrk(url, {
          conns: s.c,
          seconds: SECONDS,
          bodyFile: files[s.body],
          key: name === 'hub' ? key : undefined,
        });
        if (r.errors || r.non2xx) fail(`${s.name} c=${s.c} ${name}: ${r.errors} errors, ${r.non2xx} non-2xx`);
        results[i][name].push(r);
        if (name === 'hub') {
          results[i].cpuMsPerReq.push(((cpuTicks(hub.child.pid) - before) * 10) / r.requests);
          results[i].loop.push(await loopDelay(hub.url));
          const rss = memKb(hub.child.pid, 'VmRSS');
          results[i].rssKb = Math.max(results[i].rssKb, rss);
          peakRssKb = Math.max(peakRssKb, rss);
        }
      }
    }
    process.stdout.write(`round ${round + 1}/${ROUNDS} done\n`);
  }
  const hwmKb = memKb(hub.child.pid, 'VmHWM');

  const rows = scenarios.map((s, i) => {
    const r = results[i];
    const p50 = (t) => median(r[t].map((x) => x.p50Us)) / 1000;
    const p99 = (t) => median(r[t].map((x) => x.p99Us)) / 1000;
    const rps = (t) => median(r[t].map(rpsOf));
    // Each round's hub run against the floor run next to it: the machine's speed drifts over minutes (the floor alone
    // moves by ±10 % between rounds), and a ratio of two runs a few seconds apart cancels most of that drift.
    const paired = median(r.hub.map((h, k) => rpsOf(h) / rpsOf(r.floor[k])));
    return {
      scenario: s.name,
      c: s.c,
      'direct p50/p99 ms': `${p50('direct').toFixed(3)} / ${p99('direct').toFixed(3)}`,
      'hub p50/p99 ms': `${p50('hub').toFixed(3)} / ${p99('hub').toFixed(3)}`,
      'added p50 ms': (p50('hub') - p50('direct')).toFixed(3),
      'added p99 ms': (p99('hub') - p99('direct')).toFixed(3),
      'floor added p50 ms': (p50('floor') - p50('direct')).toFixed(3),
      'floor p99 ms': p99('floor').toFixed(2),
      'hub loop delay p99/max ms': `${median(r.loop.map((l) => l.p99)).toFixed(1)} / ${Math.max(...r.loop.map((l) => l.max)).toFixed(1)}`,
      'hub rps': rps('hub').toFixed(0),
      'hub/floor rps': paired.toFixed(2),
      'hub CPU ms/req': median(r.cpuMsPerReq).toFixed(3),
      'hub RSS MB': (r.rssKb / 1024).toFixed(0),
    };
  });
  console.table(rows);
  if (process.env.BENCH_RAW) {
    // Per round, in run order: hub and floor throughput and the hub's CPU per request for every cell.
    for (const [i, s] of scenarios.entries()) {
      const r = results[i];
      const perRound = r.hub.map(
        (h, k) =>
          `${rpsOf(h).toFixed(0)}/${rpsOf(r.floor[k]).toFixed(0)}=${(rpsOf(h) / rpsOf(r.floor[k])).toFixed(2)} cpu ${r.cpuMsPerReq[k].toFixed(3)}`,
      );
      process.stdout.write(`${s.name} c=${s.c}: ${perRound.join(' | ')}\n`);
    }
  }
  process.stdout.write(
    `hub RSS under load: ${(peakRssKb / 1024).toFixed(0)} MB (peak VmHWM ${(hwmKb / 1024).toFixed(0)} MB); ` +
      `${ROUNDS} rounds × ${SECONDS} s per cell, medians (hub/floor: of each round's pair); hub in ${HUB_TZ}; ` +
      `machine ${(busy * 100).toFixed(0)}% busy before start (BENCH_RAW=1 prints every round)\n`,
  );
  await stopAll();
  contentRules();
}

/** A separate small section: the guard's cost of 100 content rules on the 70 KB body, in process, on core 0. */
function contentRules() {
  if (process.env.BENCH_RULES === '0') return;
  const r = spawnSync('taskset', ['-c', '0', process.execPath, '--import', 'tsx', 'bench/content-rules.ts'], {
    stdio: 'inherit',
  });
  if (r.status !== 0) fail(`bench/content-rules.ts exited with ${r.status}`);
}

main().catch((err) => fail(err.stack ?? String(err)));
