// Under load the journal is folded as soon as its backlog reaches FOLD_AT_ROWS, not only on the fold timer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLD_AT_ROWS } from '../../main/core/store/request-log';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let fake: FakeUpstream;
let t: TestHub;
let key: string;

beforeAll(async () => {
  fake = await startFakeUpstream();
  // The timer alone would fold an hour from now.
  t = await startTestHub({ foldIntervalMs: 3_600_000 });
  await t.addProvider(fake.url);
  ({ key } = await t.addUserWithKey());
});
afterAll(async () => {
  await t.stop();
  await fake.close();
});

const ask = () =>
  fetch(`${t.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }),
  }).then((r) => r.text());

const folded = () => Number(t.rows('SELECT count(*) AS n FROM requests')[0]?.n);
const nextTurn = () => new Promise((r) => setImmediate(r));

describe('bounded fold', () => {
  it('folds once FOLD_AT_ROWS rows wait, without the timer', async () => {
    for (let sent = 0; sent < FOLD_AT_ROWS; sent += 16) await Promise.all(Array.from({ length: 16 }, ask));
    for (let i = 0; i < 50 && folded() === 0; i++) await nextTurn();
    expect(folded()).toBeGreaterThanOrEqual(FOLD_AT_ROWS);
  });
});
