// `npm run bench:stats`: overview, time series, leaderboards, provider availability and sessions against 1,000,000
// logged requests (30 days) in a temp data dir. Requests and their hourly rollups are seeded directly and consistently
// (the fold path's aggregation); the hub derives the availability and session rollups from the seeded log at start
// (its upgrade path, timed), then the built headless hub answers; each endpoint is timed from the client, cold and warm.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildIfStale, start } from './lib.mjs';

const ADMIN = 'bench-admin-token-0123456789';
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1_000_000);
const DAYS = 30;
const USERS = Number(process.env.BENCH_USERS ?? 50);
const KEYS_PER_USER = 2;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const MODELS = [
  ['claude-sonnet-4-5', 'anthropic', 3e-6, 15e-6],
  ['claude-opus-4-1', 'anthropic', 15e-6, 75e-6],
  ['claude-haiku-4-5', 'anthropic', 1e-6, 5e-6],
  ['gpt-5', 'openai-responses', 1.25e-6, 10e-6],
  ['gpt-5-codex', 'openai-responses', 1.25e-6, 10e-6],
  ['gpt-4o-mini', 'openai-chat', 0.15e-6, 0.6e-6],
  ['gemini-2.5-pro', 'gemini', 1.25e-6, 10e-6],
  ['gemini-2.5-flash', 'gemini', 0.3e-6, 2.5e-6],
];

function log(msg) {
  process.stdout.write(`bench:stats: ${msg}\n`);
}

/** A small deterministic PRNG (mulberry32), so every run seeds the same data. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function startHub(dataDir) {
  const env = { CCHUB_PORT: '0', CCHUB_DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, CCHUB_LOG_LEVEL: 'warn', TZ: 'UTC' };
  return start(process.execPath, ['out/main/server.js'], env, /cchub listening on (http:\/\/\S+)/);
}

function stopHub(hub) {
  return new Promise((resolve) => {
    hub.child.removeAllListeners('exit');
    hub.child.once('exit', resolve);
    hub.child.kill('SIGTERM');
  });
}

async function api(hub, method, path, body) {
  const res = await fetch(hub.url + path, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

/** Users, keys and providers through the API (names for the leaderboards); their ids for the seeding. */
async function createEntities(hub) {
  const providers = {};
  for (const type of ['anthropic', 'openai-chat', 'openai-responses', 'gemini']) {
    providers[type] = [];
    for (let i = 0; i < 2; i++) {
      const p = await api(hub, 'POST', '/api/v1/providers', {
        name: `${type}-${i}`,
        type,
        baseUrl: 'https://upstream.invalid',
        apiKey: `sk-bench-${type}-${i}-0123456789`,
      });
      providers[type].push(p.id);
    }
  }
  const keys = [];
  for (let u = 0; u < USERS; u++) {
    const user = await api(hub, 'POST', '/api/v1/users', { name: `user-${u}` });
    for (let k = 0; k < KEYS_PER_USER; k++) {
      const key = await api(hub, 'POST', `/api/v1/users/${user.id}/keys`, { name: `user-${u}-key-${k}` });
      keys.push({ userId: user.id, keyId: key.id });
    }
  }
  return { providers, keys };
}

/**
 * 1M requests over the last 30 days. Realistic shape: a few heavy users (Zipf-like), each key mostly on one model
 * (80%) and otherwise a second one, each model mostly on its primary provider (90%), 3% errors.
 */
function seed(dataDir, entities, now) {
  const db = new Database(join(dataDir, 'cchub.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    `INSERT INTO requests (id, created_at, user_id, key_id, provider_id, format, endpoint, model, upstream_model, stream,
       status, error_class, ttfb_ms, duration_ms, input_tokens, output_tokens, cache_write_5m_tokens,
       cache_write_1h_tokens, cache_read_tokens, cost_usd, session_id, user_agent, client_ip, decision_chain)
     VALUES (?, ?, ?, ?, ?, ?, 'messages', ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 'claude-cli/2.0', '10.0.0.7', '[]')`,
  );
  const upsert = db.prepare(
    `INSERT INTO usage_hourly (hour, user_id, key_id, provider_id, model, requests, errors, input_tokens, output_tokens,
       cache_write_5m_tokens, cache_write_1h_tokens, cache_read_tokens, cost_usd, cache_savings_usd, duration_ms_sum,
       ttfb_ms_sum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
  );
  const rand = prng(42);
  const keyPrefs = entities.keys.map(() => [Math.floor(rand() * MODELS.length), Math.floor(rand() * MODELS.length)]);
  const start = now - DAYS * DAY;
  // Start times in time order, as the hub logs them (rowids then follow time, like a real log's pages).
  const times = new Float64Array(REQUESTS);
  for (let i = 0; i < REQUESTS; i++) times[i] = start + Math.floor(rand() * (now - start));
  times.sort();
  const rollups = new Map();
  const batch = 50_000;
  const began = Date.now();
  for (let done = 0; done < REQUESTS; done += batch) {
    const rows = [];
    for (let i = done; i < Math.min(REQUESTS, done + batch); i++) {
      const createdAt = times[i];
      const keyIndex = Math.min(entities.keys.length - 1, Math.floor(entities.keys.length * rand() ** 2));
      const key = entities.keys[keyIndex];
      const [primary, secondary] = keyPrefs[keyIndex];
      const m = MODELS[rand() < 0.8 ? primary : secondary];
      const [model, type, inPrice, outPrice] = m;
      const providerId = entities.providers[type][rand() < 0.9 ? 0 : 1];
      const failed = rand() < 0.03;
      const input = failed ? 0 : 200 + Math.floor(rand() * 4000);
      const output = failed ? 0 : 20 + Math.floor(rand() * 1500);
      const cacheRead = failed ? 0 : Math.floor(rand() * 60_000);
      const cacheWrite = failed ? 0 : Math.floor(rand() * 3000);
      const cost = failed
        ? 0
        : input * inPrice + output * outPrice + cacheRead * inPrice * 0.1 + cacheWrite * inPrice * 1.25;
      const savings = cacheRead * inPrice * 0.9;
      const duration = 300 + Math.floor(rand() * 30_000);
      const ttfb = 100 + Math.floor(rand() * 2000);
      const id = `req_${createdAt.toString(36).padStart(9, '0')}${i.toString(36).padStart(9, '0')}`;
      rows.push([
        id,
        createdAt,
        key.userId,
        key.keyId,
        providerId,
        type,
        model,
        model,
        failed ? 529 : 200,
        failed ? 'upstream_5xx' : null,
        ttfb,
        duration,
        input,
        output,
        cacheWrite,
        cacheRead,
        cost,
        `session-${keyIndex}-${Math.floor(createdAt / HOUR)}`,
      ]);
      const hour = Math.floor(createdAt / HOUR) * HOUR;
      const rk = `${hour}|${key.userId}|${key.keyId}|${providerId}|${model}`;
      let r = rollups.get(rk);
      if (!r) {
        r = [hour, key.userId, key.keyId, providerId, model, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        rollups.set(rk, r);
      }
      r[5]++;
      if (failed) r[6]++;
      r[7] += input;
      r[8] += output;
      r[9] += cacheWrite;
      r[10] += cacheRead;
      r[11] += cost;
      r[12] += savings;
      r[13] += duration;
      r[14] += ttfb;
    }
    db.transaction(() => {
      for (const row of rows) insert.run(...row);
    })();
    if ((done / batch) % 4 === 0) log(`seeded ${done + rows.length} requests…`);
  }
  db.transaction(() => {
    for (const r of rollups.values()) upsert.run(...r);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  db.close();
  log(`seeded ${REQUESTS} requests and ${rollups.size} rollup rows in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  return rollups.size;
}

async function time(hub, path) {
  const t0 = performance.now();
  const res = await fetch(hub.url + path, { headers: { authorization: `Bearer ${ADMIN}` } });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return performance.now() - t0;
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];

async function main() {
  buildIfStale(log);
  const dataDir = mkdtempSync(join(tmpdir(), 'cchub-bench-stats-'));
  try {
    let hub = await startHub(dataDir);
    const entities = await createEntities(hub);
    await stopHub(hub);
    const now = Date.now();
    const rollupRows = seed(dataDir, entities, now);
    const startedAt = performance.now();
    hub = await startHub(dataDir);
    const startMs = performance.now() - startedAt;
    const provider = entities.providers.anthropic[0];
    const { userId } = entities.keys[0];
    const iso = (ms) => new Date(ms).toISOString();

    const endpoints = [
      '/api/v1/stats/overview',
      '/api/v1/stats/timeseries?range=today&groupBy=user',
      '/api/v1/stats/timeseries?range=7d&groupBy=model',
      '/api/v1/stats/timeseries?range=30d&groupBy=user',
      '/api/v1/leaderboard?period=daily&scope=user',
      '/api/v1/leaderboard?period=monthly&scope=key',
      '/api/v1/leaderboard?period=all&scope=provider',
      '/api/v1/leaderboard?period=all&scope=model',
      // Operations: one provider's availability (five-minute rollups), sessions grouped from the log.
      `/api/v1/providers/${provider}/availability`,
      `/api/v1/providers/${provider}/availability?from=${iso(now - 7 * DAY)}&to=${iso(now)}&bucket=1h`,
      `/api/v1/providers/${provider}/availability?from=${iso(now - 30 * DAY)}&to=${iso(now)}&bucket=1d`,
      '/api/v1/session-log',
      `/api/v1/session-log?userId=${userId}`,
      `/api/v1/session-log/session-0-${Math.floor((now - HOUR) / HOUR)}/requests`,
    ];
    const results = [];
    for (const path of endpoints) {
      const cold = await time(hub, path);
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await time(hub, path));
      runs.sort((a, b) => a - b);
      results.push({ path, cold, p50: pct(runs, 0.5), p95: pct(runs, 0.95), max: runs[runs.length - 1] });
    }
    await stopHub(hub);

    log(
      `${REQUESTS.toLocaleString('en')} requests over ${DAYS} days, ${USERS} users, ${USERS * KEYS_PER_USER} keys, ` +
        `8 providers, ${MODELS.length} models, ${rollupRows.toLocaleString('en')} rollup rows; ${RUNS} runs each (ms):`,
    );
    log(
      `hub start with the availability and session rollups derived from the seeded log: ${(startMs / 1000).toFixed(1)} s`,
    );
    const label = (p) => p.replace(/from=[^&]+&to=[^&]+&/, '').replace(/(prv|usr)_[A-Za-z0-9_-]+/g, '{id}');
    for (const r of results) r.path = label(r.path);
    const w = Math.max(...results.map((r) => r.path.length));
    process.stdout.write(`${'endpoint'.padEnd(w)}   cold    p50    p95    max\n`);
    for (const r of results) {
      const f = (n) => n.toFixed(1).padStart(6);
      process.stdout.write(`${r.path.padEnd(w)} ${f(r.cold)} ${f(r.p50)} ${f(r.p95)} ${f(r.max)}\n`);
    }
    const worst = Math.max(...results.map((r) => r.p50));
    log(`target: every p50 < 50 ms — ${worst < 50 ? 'met' : 'NOT met'} (worst p50 ${worst.toFixed(1)} ms)`);
  } finally {
    if (process.env.BENCH_KEEP === '1') log(`data kept in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`bench:stats: ${err.stack ?? err}\n`);
  process.exit(1);
});
