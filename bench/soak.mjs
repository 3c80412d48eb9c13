// `npm run soak`: a bounded mixed load on one hub for SOAK_SECONDS (default 300) on loopback, sampling its RSS, then a
// verdict on whether memory stayed flat. Not part of `npm test`: it measures, it does not assert behaviour.
//
// The load: SOAK_WORKERS (default 8) clients back to back, JSON and streams over the four wire formats, most requests
// with a session id never seen before (the session table fills and must stay bounded), some reusing a few sticky
// sessions, some errors (an upstream 400, a body that is not JSON, an unknown path); one worker sending 8 MiB bodies
// now and then; and at the start of the run one burst of 32 concurrent 30 MiB bodies (the body budget refuses most).
// Flat: the mean RSS of the last minute is within SOAK_TOLERANCE (default 10 %) of the mean of the minute after the
// first (warm-up) minute. Shorter runs scale both windows to a fifth of the run.
import { ADMIN, buildIfStale, fail, memKb, startFake, startHub, stopAll } from './lib.mjs';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const WORKERS = Number(process.env.SOAK_WORKERS ?? 8);
const TOLERANCE = Number(process.env.SOAK_TOLERANCE ?? 0.1);
const SAMPLE_MS = Number(process.env.SOAK_SAMPLE_MS ?? 5000);
const MiB = 1024 * 1024;
const log = (msg) => process.stderr.write(`soak: ${msg}\n`);

/** A small deterministic PRNG, so two runs send the same mix. */
function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const prompt = (n) => `Say hello ${n}.`;

/** One request of the mix: path, headers and body for a format, streaming or not. */
function request(format, stream, n, extra = '') {
  const text = prompt(n) + extra;
  switch (format) {
    case 'anthropic':
      return {
        path: '/v1/messages',
        body: { model: 'claude-sonnet-4-6', max_tokens: 64, stream, messages: [{ role: 'user', content: text }] },
      };
    case 'openai-chat':
      return {
        path: '/v1/chat/completions',
        body: { model: 'gpt-4o', stream, messages: [{ role: 'user', content: text }] },
      };
    case 'openai-responses':
      return { path: '/v1/responses', body: { model: 'gpt-5', stream, input: text } };
    case 'gemini':
      return {
        path: `/v1beta/models/gemini-2.5-flash:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
        body: { contents: [{ role: 'user', parts: [{ text }] }] },
      };
  }
}

const FORMATS = ['anthropic', 'anthropic', 'openai-chat', 'openai-responses', 'gemini'];

async function main() {
  buildIfStale(log);
  const fake = await startFake();
  const hub = await startHub(fake.url);
  await hub.api('/api/v1/providers', {
    name: 'fake-chat',
    type: 'openai-chat',
    baseUrl: fake.url,
    apiKey: 'sk-soak-chat',
  });
  await hub.api('/api/v1/providers', {
    name: 'fake-responses',
    type: 'openai-responses',
    baseUrl: fake.url,
    apiKey: 'sk-soak-responses',
  });
  await hub.api('/api/v1/providers', { name: 'fake-gemini', type: 'gemini', baseUrl: fake.url, apiKey: 'soak-gemini' });
  const pid = hub.child.pid;
  const counts = { ok: 0, clientErrors: 0, refused: 0, other: 0, failed: 0 };
  const tally = (status) => {
    if (status < 300) counts.ok++;
    else if (status === 503 || status === 529) counts.refused++;
    else if (status < 500) counts.clientErrors++;
    else counts.other++;
  };
  const failures = new Map();
  const send = async (path, body, headers = {}) => {
    try {
      const res = await fetch(`${hub.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${hub.key}`, 'content-type': 'application/json', ...headers },
        body,
      });
      await res.arrayBuffer();
      tally(res.status);
      return res.status;
    } catch (err) {
      counts.failed++;
      const why = String(err?.cause?.code ?? err?.cause?.message ?? err?.message ?? err);
      failures.set(why, (failures.get(why) ?? 0) + 1);
      return 0;
    }
  };

  // Large bodies are built before the clock starts.
  const big = Buffer.from(JSON.stringify(request('anthropic', false, 0, 'x'.repeat(8 * MiB)).body));
  const huge = Buffer.from(JSON.stringify(request('anthropic', false, 0, 'x'.repeat(30 * MiB)).body));
  const endAt = Date.now() + SECONDS * 1000;
  let serial = 0;
  const worker = async (seed) => {
    const random = prng(seed);
    while (Date.now() < endAt) {
      const n = serial++;
      const format = FORMATS[Math.floor(random() * FORMATS.length)];
      const r = request(format, random() < 0.5, n);
      const headers = {};
      // 80 % a new session (the table must stay bounded), else one of 50 sticky ones.
      headers['x-session-id'] = random() < 0.8 ? `soak-${seed}-${n}` : `sticky-${Math.floor(random() * 50)}`;
      let body = JSON.stringify(r.body);
      let path = r.path;
      const roll = random();
      if (roll < 0.03) headers['x-fake-behaviour'] = JSON.stringify({ kind: 'status', status: 400 });
      else if (roll < 0.05) body = body.slice(0, -2);
      else if (roll < 0.06) path = '/v1/unknown';
      await send(path, body, headers);
    }
  };
  /** 8 MiB bodies, one every ~2 s, two at a time. */
  const largeWorker = async () => {
    while (Date.now() < endAt) {
      await Promise.all([send('/v1/messages', big), send('/v1/messages', big)]);
      await new Promise((r) => setTimeout(r, 2000));
    }
  };
  const burst = async () => {
    const statuses = await Promise.all(Array.from({ length: 32 }, () => send('/v1/messages', huge)));
    return {
      ok: statuses.filter((s) => s === 200).length,
      refused: statuses.filter((s) => s === 529).length,
      failed: statuses.filter((s) => s === 0).length,
    };
  };

  const metric = async (name) => {
    try {
      const res = await fetch(`${hub.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } });
      const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(await res.text());
      return m ? Number(m[1]) : Number.NaN;
    } catch {
      return Number.NaN;
    }
  };
  const samples = [];
  const started = Date.now();
  const sample = async () => {
    samples.push({
      t: (Date.now() - started) / 1000,
      rssMb: memKb(pid, 'VmRSS') / 1024,
      anonMb: memKb(pid, 'RssAnon') / 1024,
      sessions: await metric('cchub_live_sessions'),
      bodyMb: (await metric('cchub_body_bytes_in_flight')) / MiB,
      requests: Object.values(counts).reduce((a, b) => a + b, 0),
    });
  };
  await sample();
  const sampler = setInterval(() => void sample(), SAMPLE_MS);
  log(`${SECONDS} s of mixed load, ${WORKERS} workers, hub pid ${pid}`);
  const burstResult = burst();
  await Promise.all([...Array.from({ length: WORKERS }, (_, i) => worker(i + 1)), largeWorker(), burstResult]);
  clearInterval(sampler);
  await sample();
  const peakMb = memKb(pid, 'VmHWM') / 1024;
  // Idle after the load: what the hub holds once nothing is in flight.
  await new Promise((r) => setTimeout(r, 10_000));
  await sample();
  const idle = samples[samples.length - 1];
  await stopAll();

  printReport({ samples, counts, failures, burst: await burstResult, peakMb, idle });
}

function printReport({ samples, counts, failures, burst, peakMb, idle }) {
  const window = SECONDS >= 300 ? 60 : SECONDS / 5;
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const during = samples.slice(0, -1);
  const ref = during.filter((s) => s.t >= window && s.t < 2 * window).map((s) => s.rssMb);
  const last = during.filter((s) => s.t >= SECONDS - window && s.t <= SECONDS).map((s) => s.rssMb);
  const lines = [
    '',
    '| t (s) | RSS (MB) | of it anonymous (MB) | live sessions | body MB in flight | requests |',
    '|---:|---:|---:|---:|---:|---:|',
  ];
  for (const s of samples) {
    lines.push(
      `| ${s.t.toFixed(0)} | ${s.rssMb.toFixed(1)} | ${s.anonMb.toFixed(1)} | ${s.sessions} | ${s.bodyMb.toFixed(1)} | ${s.requests} |`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  process.stdout.write(
    `requests: ${total} (${(total / SECONDS).toFixed(0)}/s): ${counts.ok} ok, ${counts.clientErrors} 4xx, ` +
      `${counts.refused} 503/529 refusals, ${counts.other} other 5xx, ${counts.failed} transport failures\n` +
      (failures.size ? `transport failures by cause: ${JSON.stringify(Object.fromEntries(failures))}\n` : '') +
      `burst of 32 × 30 MiB at the start: ${burst.ok} answered, ${burst.refused} refused by the body budget (529), ` +
      `${burst.failed} transport failures\n` +
      `peak RSS (VmHWM) ${peakMb.toFixed(1)} MB; idle 10 s after the load ${idle.rssMb.toFixed(1)} MB\n`,
  );
  if (ref.length === 0 || last.length === 0) {
    process.stdout.write('verdict: run too short to compare two windows\n');
    return;
  }
  const refMb = mean(ref);
  const lastMb = mean(last);
  const change = (lastMb - refMb) / refMb;
  const flat = change <= TOLERANCE;
  process.stdout.write(
    `RSS ${window.toFixed(0)}–${(2 * window).toFixed(0)} s: ${refMb.toFixed(1)} MB; last ${window.toFixed(0)} s: ` +
      `${lastMb.toFixed(1)} MB (${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)} %)\n` +
      `verdict: ${flat ? 'FLAT' : 'GROWING'} (tolerance +${(TOLERANCE * 100).toFixed(0)} %)\n`,
  );
  if (!flat) process.exitCode = 1;
}

main().catch((err) => fail(String(err?.stack ?? err)));
