// `npm run bench`: the relay's added latency, throughput, CPU and memory against a direct call and a bare proxy floor.
// The hub (and the floor proxy) run pinned to core 0; wrk and the fake upstream to core 1. Rounds are interleaved.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsStale } from '../scripts/build-state.mjs';
import { HUB_NODE_FLAGS } from '../scripts/node-flags.mjs';
import { claudeCodeBody } from './claude-code-body.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ADMIN = 'bench-admin-token-0123456789';
const HUB_TZ = process.env.BENCH_TZ ?? 'Europe/Berlin';
const children = [];

function fail(msg) {
  process.stderr.write(`bench: ${msg}\n`);
  for (const c of children) c.kill('SIGKILL');
  process.exit(1);
}

function which(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** Share of CPU time not idle over a second, across all cores. */
async function machineBusy() {
  const read = () => {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3] + (f[4] ?? 0);
    return { idle, total: f.reduce((a, b) => a + b, 0) };
  };
  const a = read();
  await new Promise((r) => setTimeout(r, 1000));
  const b = read();
  return 1 - (b.idle - a.idle) / (b.total - a.total);
}

function start(cmd, args, env, pattern) {
  const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = pattern.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${out}`)));
  });
}

function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

function memKb(pid, field) {
  const m = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

function wrk(url, path, conns, bodyFile, key) {
  const r = spawnSync(
    'taskset',
    [
      '-c',
      '1',
      'wrk',
      '-t1',
      `-c${conns}`,
      `-d${SECONDS}s`,
      '--latency',
      '-s',
      join(root, 'bench/report.lua'),
      `${url}${path}`,
    ],
    { env: { ...process.env, BENCH_BODY: bodyFile, BENCH_KEY: key ?? '' }, encoding: 'utf8' },
  );
  const line = /BENCH (\{.*\})/.exec(r.stdout);
  if (!line) fail(`wrk failed: ${r.stdout}\n${r.stderr}`);
  return JSON.parse(line[1]);
}

const rpsOf = (run) => (run.requests / run.durationUs) * 1e6;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  if (!which('wrk')) fail('wrk is not installed: apt-get install -y wrk');
  if (!which('taskset')) fail('taskset is not installed (util-linux)');
  if (buildIsStale(root)) {
    process.stdout.write('bench: building…\n');
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'warn'],
      {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      },
    );
  }
  const busy = await machineBusy();
  if (busy > 0.15 && !process.env.BENCH_FORCE) {
    fail(
      `the machine is already ${(busy * 100).toFixed(0)}% busy; figures would be wrong (BENCH_FORCE=1 to run anyway)`,
    );
  }

  const fake = await start(
    'taskset',
    ['-c', '1', process.execPath, '--import', 'tsx', 'test/fake-upstream/main.ts', '--port', '0', '--no-record'],
    {},
    /listening on (http:\/\/\S+)/,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'cchub-bench-'));
  const hub = await start(
    'taskset',
    ['-c', '0', process.execPath, ...HUB_NODE_FLAGS, 'out/main/server.js'],
    // A zone with DST, as most teams have: quota windows and schedules then do real time zone maths (BENCH_TZ to change).
    { CCHUB_PORT: '0', CCHUB_DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, CCHUB_LOG_LEVEL: 'warn', TZ: HUB_TZ },
    /cchub listening on (http:\/\/\S+)/,
  );
  const floor = await start(
    'taskset',
    ['-c', '0', process.execPath, 'bench/floor-proxy.mjs', fake.url],
    {},
    /floor listening on (http:\/\/\S+)/,
  );

  const api = async (path, body) => {
    const res = await fetch(`${hub.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) fail(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  await api('/api/v1/providers', { name: 'fake', type: 'anthropic', baseUrl: fake.url, apiKey: 'sk-bench-upstream' });
  const user = await api('/api/v1/users', { name: 'bench' });
  const { key } = await api(`/api/v1/users/${user.id}/keys`, { name: 'bench' });

  const small = { model: 'claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'Say hello.' }] };
  const files = {};
  const write = (name, text) => {
    const p = join(dataDir, `${name}.json`);
    writeFileSync(p, text);
    files[name] = p;
  };
  write('json', JSON.stringify(small));
  write('stream', JSON.stringify({ ...small, stream: true }));
  write('cc70k', claudeCodeBody({ stream: true }));

  const scenarios = [
    { name: 'json', body: 'json', c: 1 },
    { name: 'json', body: 'json', c: 16 },
    { name: 'stream', body: 'stream', c: 1 },
    { name: 'stream', body: 'stream', c: 16 },
    { name: `claude-code ${Math.round(readFileSync(files.cc70k).length / 1024)}KB stream`, body: 'cc70k', c: 1 },
    { name: `claude-code ${Math.round(readFileSync(files.cc70k).length / 1024)}KB stream`, body: 'cc70k', c: 16 },
  ];
  const targets = { direct: fake.url, floor: floor.url, hub: hub.url };
  const results = scenarios.map(() => ({ direct: [], floor: [], hub: [], cpuMsPerReq: [], rssKb: 0 }));

  // warm-up
  for (const t of Object.values(targets)) wrk(t, '/v1/messages', 4, files.json, key);
  let peakRssKb = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, s] of scenarios.entries()) {
      // The floor and the hub swap places every round, so neither always runs on the heels of the other.
      const order = round % 2 === 0 ? ['direct', 'floor', 'hub'] : ['direct', 'hub', 'floor'];
      for (const name of order) {
        const url = targets[name];
        const before = name === 'hub' ? cpuTicks(hub.child.pid) : 0;
        const r = wrk(url, '/v1/messages', s.c, files[s.body], name === 'hub' ? key : undefined);
        if (r.errors || r.non2xx) fail(`${s.name} c=${s.c} ${name}: ${r.errors} errors, ${r.non2xx} non-2xx`);
        results[i][name].push(r);
        if (name === 'hub') {
          results[i].cpuMsPerReq.push(((cpuTicks(hub.child.pid) - before) * 10) / r.requests);
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
  for (const c of children) c.kill('SIGTERM');
}

main().catch((err) => fail(err.stack ?? String(err)));
