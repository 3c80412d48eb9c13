// A journal the disk refuses (injected ENOSPC): in-flight answers fail instead of claiming success, new relay requests
// get 503 in each client format, /readyz and /metrics say so, a log line too, and the hub resumes by itself.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import type { Logger } from '../../main/core/logger';
import { JournalFailureMark } from '../../main/core/store/journal-failure-mark';
import { diskWrite, JOURNAL_FILE, type JournalWrite } from '../../main/core/store/journal-file';
import { JOURNAL_RETRY_MS } from '../../main/core/store/request-log';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, TEST_ADMIN_TOKEN, type TestHub } from '../helpers/test-hub';

let fake: FakeUpstream;
let t: TestHub;
let key: string;
const clock = new ManualClock();
const logLines: string[] = [];
const logger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (m) => logLines.push(`warn ${m}`),
  error: (m) => logLines.push(`error ${m}`),
};
/** The disk under the journal: `full` makes every write fail with ENOSPC, as a full disk does. */
const disk = { full: false };
const journalWrite: JournalWrite = (fd, bytes, position) => {
  if (disk.full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  return diskWrite(fd, bytes, position);
};

beforeAll(async () => {
  fake = await startFakeUpstream();
  t = await startTestHub({ clock, logger, journalWrite, foldIntervalMs: 10 });
  await t.addProvider(fake.url, { type: 'anthropic' });
  await t.addProvider(fake.url, { type: 'openai-chat' });
  await t.addProvider(`${fake.url}/v1`, { type: 'openai-responses' });
  await t.addProvider(fake.url, { type: 'gemini' });
  ({ key } = await t.addUserWithKey());
});
afterAll(async () => {
  await t.stop();
  await fake.close();
});

const anthropic = () => new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 });
const openai = () => new OpenAI({ apiKey: key, baseURL: `${t.url}/v1`, maxRetries: 0 });
const genai = () => new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: t.url } });
const ask = { max_tokens: 10, messages: [{ role: 'user' as const, content: 'hi' }] };

/** One request in each client format; resolves with the request ids of those that succeeded, rejects otherwise. */
const oneOfEach = () => [
  anthropic()
    .messages.create({ model: 'claude-sonnet-4-6', ...ask })
    .withResponse()
    .then((r) => r.response.headers.get('x-cchub-request-id')),
  openai()
    .chat.completions.create({ model: 'gpt-4o-mini', messages: ask.messages })
    .withResponse()
    .then((r) => r.response.headers.get('x-cchub-request-id')),
  openai()
    .responses.create({ model: 'gpt-5', input: 'hi' })
    .withResponse()
    .then((r) => r.response.headers.get('x-cchub-request-id')),
  genai()
    .models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' })
    .then((r) => r.sdkHttpResponse?.headers?.['x-cchub-request-id'] ?? 'gemini'),
];

const readyz = async () => {
  const res = await fetch(`${t.url}/readyz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const metric = async (name: string) => {
  const text = await (
    await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })
  ).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
};
const waitFor = async (what: () => Promise<boolean>) => {
  for (let i = 0; i < 200; i++) {
    if (await what()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('timed out waiting');
};

describe('a journal the disk refuses', () => {
  it('fails the answers in flight, refuses new requests in every format, and resumes once writes succeed', async () => {
    const before = await Promise.all(oneOfEach());
    expect(before.every((id) => typeof id === 'string')).toBe(true);
    expect((await readyz()).status).toBe(200);

    // In flight when the disk fills: a committed stream, and a JSON answer still on its way.
    fake.enqueue({ kind: 'ok', text: 'one two three four five', deltaDelayMs: 60 });
    const stream = anthropic().messages.stream({ model: 'claude-sonnet-4-6', ...ask });
    let streamed = '';
    await new Promise<void>((resolve) =>
      stream.on('text', (d) => {
        streamed += d;
        resolve();
      }),
    );
    fake.enqueue({ kind: 'slowFirstByte', ms: 150, after: { kind: 'ok', text: 'json answer' } });
    const json = openai().chat.completions.create({ model: 'gpt-4o-mini', messages: ask.messages }).withResponse();
    json.catch(() => undefined);
    disk.full = true;
    // The stream got its content but an error event instead of message_stop; the JSON client a 503 in its format.
    const streamError = await stream.finalMessage().then(
      () => null,
      (e: unknown) => e,
    );
    expect(String(streamError)).toMatch(/journal_unwritable/);
    expect(streamed).toContain('one');
    const jsonError = (await json.then(
      () => null,
      (e: unknown) => e,
    )) as InstanceType<typeof OpenAI.APIError>;
    expect({ status: jsonError.status, code: jsonError.code }).toEqual({ status: 503, code: 'journal_unwritable' });
    const streamId = (await stream.withResponse()).response.headers.get('x-cchub-request-id');
    const jsonId = jsonError.headers?.get('x-cchub-request-id');

    // Not ready, counted, logged; every new relay request is refused in its client's own format.
    expect(await readyz()).toEqual({
      status: 503,
      body: {
        status: 'not_ready',
        database: 'ok',
        migrations: 'applied',
        journal: 'unwritable',
        journalError: 'ENOSPC',
      },
    });
    expect(logLines.filter((l) => l.startsWith('error request journal write failed'))).toHaveLength(1);
    expect(logLines.join('\n')).toMatch(/ENOSPC[\s\S]*refusing new relay requests with 503/);
    const refused = await Promise.allSettled(oneOfEach());
    const reasons = refused.map((r) =>
      r.status === 'rejected' ? (r.reason as { status?: number; message: string }) : null,
    );
    expect(reasons.map((r) => r?.status)).toEqual([503, 503, 503, 503]);
    expect((reasons[0] as unknown as { error: { error: { type: string } } }).error.error.type).toBe('overloaded_error');
    expect((reasons[1] as unknown as { code: string }).code).toBe('journal_unwritable');
    expect((reasons[2] as unknown as { code: string }).code).toBe('journal_unwritable');
    expect(JSON.parse(reasons[3]?.message ?? '')).toMatchObject({ error: { code: 503, status: 'UNAVAILABLE' } });
    expect(reasons[3]?.message).toContain('cchub journal_unwritable');
    expect(await metric('cchub_journal_writable')).toBe(0);
    expect(await metric('cchub_journal_refused_requests_total')).toBe(4);
    expect(await metric('cchub_journal_write_failures_total')).toBeGreaterThanOrEqual(1);

    // Space is freed: the next try waits for the hub's clock, then the hub takes requests again by itself.
    disk.full = false;
    await new Promise((r) => setTimeout(r, 80)); // several fold ticks
    expect((await readyz()).status).toBe(503);
    clock.advance(JOURNAL_RETRY_MS);
    await waitFor(async () => (await readyz()).status === 200);
    expect(await metric('cchub_journal_writable')).toBe(1);
    expect(logLines.at(-1)).toBe('warn request journal writable again: relay requests are accepted');
    const after = await Promise.all(oneOfEach());

    // Every answered request has its row; the two that ended while the disk was full say what their clients saw.
    t.fold();
    const rows = t.rows('SELECT id, status, error_class, stream FROM requests ORDER BY created_at, id');
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of [...before, ...after].filter((i) => i !== 'gemini')) {
      expect(byId.get(id)).toMatchObject({ status: 200, error_class: null });
    }
    expect(rows).toHaveLength(10); // 8 answered, 2 unrecorded answers; the 4 refused left no row
    expect(byId.get(streamId)).toMatchObject({ status: 200, error_class: 'journal_unwritable', stream: 1 });
    expect(byId.get(jsonId)).toMatchObject({ status: 503, error_class: 'journal_unwritable', stream: 0 });
  });

  it('start-up reports a journal line a failed write tore as that, not as a power loss', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cchub-torn-'));
    const first = await startTestHub({ dataDir });
    await first.stop();
    // What a hub killed on a full disk leaves: a whole line, then the first bytes of the line the disk refused, and
    // the mark recording where that write started and why.
    const journal = join(dataDir, JOURNAL_FILE);
    const whole = `${JSON.stringify(['r-whole', 1, 'u', 'k', null, 'anthropic', 'messages', 'm', 'm', 0, 200, null, null, null, 1, 2, 0, 0, 0, 0, 0, null, 's', null, null, 0, 0])}\t[]\n`;
    writeFileSync(journal, `${whole}["r-torn",17`);
    const mark = new JournalFailureMark(journal);
    mark.record({ offset: Buffer.byteLength(whole), code: 'ENOSPC', since: Date.UTC(2026, 0, 5) });
    mark.close();
    const lines: string[] = [];
    const capture: Logger = {
      debug: () => {},
      info: () => {},
      warn: (m) => lines.push(m),
      error: (m) => lines.push(m),
    };
    const again = await startTestHub({ dataDir, logger: capture });
    again.fold();
    expect(again.rows('SELECT id FROM requests')).toEqual([{ id: 'r-whole' }]);
    await again.stop();
    expect(lines).toEqual([
      'skipped 1 line(s) in the request journal torn by a failed write (ENOSPC: the disk was full), not by a power loss',
      'the previous run stopped while its request journal could not be written (ENOSPC since 2026-01-05T00:00:00.000Z): ' +
        'requests that ended then were answered with an error, and such rows it held in memory may be missing; ' +
        'every request answered with success is in the log',
    ]);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
