// `npm run bench:paired -- <buildA> <buildB>`: two builds' CPU per request compared with the machine's drift cancelled.
// Both hubs share core 0, each under the same closed-loop load at the same time: the core is split between them, so
// the ratio of their request counts is the inverse ratio of their CPU per request, whatever the machine's speed does
// meanwhile (sequential A/B runs swing by ±8 % on the development machine; two identical builds here agree within ~2 %).
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkMachine, fail, median, SMALL_BODY, startFake, startHub, stopAll, wrk } from './lib.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNS = 8;

async function main() {
  const builds = process.argv.slice(2, 4).map((dir) => resolve(dir, 'main/server.js'));
  if (builds.length !== 2 || !builds.every((entry) => existsSync(entry))) {
    fail('usage: npm run bench:paired -- <buildA> <buildB>   (each a copy of out/, e.g. cp -r out /tmp/build-a)');
  }
  await checkMachine();
  const fake = await startFake();
  const [a, b] = [await startHub(fake.url, builds[0]), await startHub(fake.url, builds[1])];
  const bodyFile = join(a.dataDir, 'json.json');
  writeFileSync(bodyFile, JSON.stringify(SMALL_BODY));
  // Both at once; which load starts first alternates by round, so neither hub always gets the head start.
  const both = (seconds, round) => {
    const run = (hub) => wrk(hub.url, { conns: CONNS, seconds, bodyFile, key: hub.key });
    return round % 2 === 0 ? Promise.all([run(a), run(b)]) : Promise.all([run(b), run(a)]).then(([y, x]) => [x, y]);
  };
  // Warm-up: both hubs' JIT settles on this load (rounds of a few seconds right after start differ by up to ~20 %).
  await both(8, 0);
  const ratios = [];
  for (let round = 0; round < ROUNDS; round++) {
    const [ra, rb] = await both(SECONDS, round);
    if (ra.errors || ra.non2xx || rb.errors || rb.non2xx) fail(`round ${round + 1}: errors or non-2xx answers`);
    ratios.push(rb.requests / ra.requests);
    process.stdout.write(
      `round ${round + 1}: A ${ra.requests} B ${rb.requests} B/A ${(rb.requests / ra.requests).toFixed(3)}\n`,
    );
  }
  const m = median(ratios);
  const cpuDiff = (1 / m - 1) * 100; // B's CPU per request against A's, in per cent
  process.stdout.write(
    `B/A median ${m.toFixed(3)} over ${ROUNDS} rounds × ${SECONDS} s: B uses ${Math.abs(cpuDiff).toFixed(1)} % ` +
      `${cpuDiff <= 0 ? 'less' : 'more'} CPU per request than A\n`,
  );
  await stopAll();
}

main().catch((err) => fail(err.stack ?? String(err)));
