// What the benchmarks share: starting pinned processes, the fake upstream and a hub with a key, running wrk, medians.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsStale } from '../scripts/build-state.mjs';
import { HUB_NODE_FLAGS } from '../scripts/node-flags.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ADMIN = 'bench-admin-token-0123456789';
/** A zone with DST, as most teams have: quota windows and schedules then do real time zone maths (BENCH_TZ to change). */
export const HUB_TZ = process.env.BENCH_TZ ?? 'Europe/Berlin';
const children = [];
const dataDirs = [];

/** The small request every JSON scenario posts. */
export const SMALL_BODY = {
  model: 'claude-sonnet-4-6',
  max_tokens: 64,
  messages: [{ role: 'user', content: 'Say hello.' }],
};

/** Builds the app when `out/` is missing or older than the sources (the benchmarks run the built hub). */
export function buildIfStale(log) {
  if (!buildIsStale(root)) return;
  log('building…');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  );
}

export function fail(msg) {
  process.stderr.write(`bench: ${msg}\n`);
  for (const c of children) c.kill('SIGKILL');
  process.exit(1);
}

/** Stops every process the benchmark started, then removes the hubs' data directories. */
export async function stopAll() {
  const exited = children.map((c) =>
    c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => c.once('exit', r)),
  );
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(exited);
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}

function which(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** Fails unless wrk and taskset are installed and the machine is idle enough to measure on (BENCH_FORCE skips that). */
export async function checkMachine() {
  if (!which('wrk')) fail('wrk is not installed: apt-get install -y wrk');
  if (!which('taskset')) fail('taskset is not installed (util-linux)');
  const busy = await machineBusy();
  if (busy > 0.15 && !process.env.BENCH_FORCE) {
    fail(
      `the machine is already ${(busy * 100).toFixed(0)}% busy; figures would be wrong (BENCH_FORCE=1 to run anyway)`,
    );
  }
  return busy;
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

/** Starts a process and resolves with it and the URL its stdout announces (`pattern`'s first group). */
export function start(cmd, args, env, pattern) {
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

/** The fake upstream, pinned to core 1 with the load generator. */
export function startFake() {
  return start(
    'taskset',
    ['-c', '1', process.execPath, '--import', 'tsx', 'test/fake-upstream/main.ts', '--port', '0', '--no-record'],
    {},
    /listening on (http:\/\/\S+)/,
  );
}

/**
 * A headless hub pinned to core 0, with the hub's node flags, its own data directory, one provider pointing at the
 * fake and one user with a key. `entry` is a built `server.js` (another build's, to compare two); `env` adds to the
 * hub's environment. `api(path, body)` posts to the admin API.
 */
/** The checkout a build belongs to (its migrations and prices): the nearest folder above it with package.json and resources/. */
function packageRootOf(entry) {
  for (let dir = dirname(resolve(entry)); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'resources'))) return dir;
  }
  return root;
}

export async function startHub(fakeUrl, entry = 'out/main/server.js', env = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'cchub-bench-'));
  dataDirs.push(dataDir);
  const hub = await start(
    'taskset',
    ['-c', '0', process.execPath, ...HUB_NODE_FLAGS, entry],
    {
      CCHUB_PORT: '0',
      CCHUB_DATA_DIR: dataDir,
      ADMIN_TOKEN: ADMIN,
      CCHUB_LOG_LEVEL: 'warn',
      TZ: HUB_TZ,
      CCHUB_RESOURCES_DIR: packageRootOf(entry),
      ...env,
    },
    /cchub listening on (http:\/\/\S+)/,
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
  await api('/api/v1/providers', { name: 'fake', type: 'anthropic', baseUrl: fakeUrl, apiKey: 'sk-bench-upstream' });
  const user = await api('/api/v1/users', { name: 'bench' });
  const { key } = await api(`/api/v1/users/${user.id}/keys`, { name: 'bench' });
  return { ...hub, key, dataDir, api };
}

export function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

export function memKb(pid, field) {
  const m = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

/** One wrk run on core 1 (`bench/report.lua` posts `bodyFile` with `key`); resolves with its BENCH summary. */
export function wrk(url, { conns, seconds, bodyFile, key }) {
  const args = ['-c', '1', 'wrk', '-t1', `-c${conns}`, `-d${seconds}s`, '--latency', '-s'];
  args.push(join(root, 'bench/report.lua'), `${url}/v1/messages`);
  const child = spawn('taskset', args, { env: { ...process.env, BENCH_BODY: bodyFile, BENCH_KEY: key ?? '' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  return new Promise((resolve) => {
    child.once('close', () => {
      const line = /BENCH (\{.*\})/.exec(out);
      if (!line) fail(`wrk failed: ${out}\n${err}`);
      resolve(JSON.parse(line[1]));
    });
  });
}

export const rpsOf = (run) => (run.requests / run.durationUs) * 1e6;

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * The hub's event-loop delay since the previous call, in ms, from its `/metrics` (which restarts the histogram at each
 * scrape): p99, and max (the longest synchronous section in that time).
 */
export async function loopDelay(hubUrl) {
  const res = await fetch(`${hubUrl}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } });
  const text = await res.text();
  const q = (quantile) =>
    Number(new RegExp(`^nodejs_eventloop_lag_seconds\\{quantile="${quantile}"\\} (\\S+)`, 'm').exec(text)?.[1] ?? NaN) *
    1000;
  return { p99: q('0.99'), max: q('1') };
}
