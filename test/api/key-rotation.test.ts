// Key rotation end to end: the new key works at once, the old one until its grace period ends (ManualClock).
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { Key, RotatedKey } from '../../shared/api-schemas';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const clock = new ManualClock(Date.UTC(2026, 1, 2, 9));
let fake: FakeUpstream;
let t: TestHub;

beforeAll(async () => {
  fake = await startFakeUpstream();
  t = await startTestHub({ clock });
  await t.addProvider(fake.url, { type: 'anthropic' });
});
afterAll(async () => {
  await t.stop();
  await fake.close();
});

async function relayStatus(key: string): Promise<number> {
  try {
    await new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 }).messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 5,
      messages: [{ role: 'user', content: 'hi' }],
    });
    return 200;
  } catch (err) {
    return (err as { status?: number }).status ?? 0;
  }
}

test('with a grace period the old key works until retiresOldAt, the new one at once', async () => {
  const u = await t.addUserWithKey();
  await t.api('PATCH', `/api/v1/keys/${u.keyId}`, { canLogin: true, limits: { dailyUsd: 5 } });
  const r = await t.api('POST', `/api/v1/keys/${u.keyId}/rotate`, { graceSeconds: 3600 });
  expect(r.status).toBe(201);
  const rotated = RotatedKey.parse(r.json);
  expect(rotated.key).toMatch(/^sk-cchub-[A-Za-z0-9]{32}$/);
  expect(rotated.key.startsWith(rotated.prefix)).toBe(true);
  expect(rotated).toMatchObject({
    oldKeyId: u.keyId,
    retiresOldAt: new Date(clock.now() + 3600_000).toISOString(),
    canLogin: true,
    limits: { dailyUsd: 5 },
    userId: u.userId,
  });
  expect(rotated.id).not.toBe(u.keyId);

  expect(await relayStatus(rotated.key)).toBe(200);
  expect(await relayStatus(u.key)).toBe(200);
  const old = Key.parse((await t.api('GET', `/api/v1/keys/${u.keyId}`)).json);
  expect(old.retiresAt).toBe(rotated.retiresOldAt);

  clock.advance(3600_000 - 1);
  expect(await relayStatus(u.key)).toBe(200);
  clock.advance(1);
  expect(await relayStatus(u.key)).toBe(401);
  expect(await relayStatus(rotated.key)).toBe(200);
  // the retired key no longer opens the admin API either
  expect((await t.api('GET', '/api/v1/keys', undefined, u.key)).status).toBe(401);
});

test('without a grace period the old key stops at once', async () => {
  const u = await t.addUserWithKey();
  const rotated = RotatedKey.parse((await t.api('POST', `/api/v1/keys/${u.keyId}/rotate`, {})).json);
  expect(rotated.retiresOldAt).toBe(new Date(clock.now()).toISOString());
  expect(await relayStatus(u.key)).toBe(401);
  expect(await relayStatus(rotated.key)).toBe(200);
});

test('a plain user rotates their own keys only; bad input is a 400', async () => {
  const alice = await t.addUserWithKey();
  const bob = await t.addUserWithKey();
  const own = await t.api('POST', `/api/v1/keys/${alice.keyId}/rotate`, { graceSeconds: 60 }, alice.key);
  expect(own.status).toBe(201);
  const others = await t.api<{ error: { code: string } }>('POST', `/api/v1/keys/${bob.keyId}/rotate`, {}, alice.key);
  expect(others.status).toBe(404);
  expect(await relayStatus(bob.key)).toBe(200);
  for (const body of [{ graceSeconds: -1 }, { graceSeconds: 31 * 86_400 }, { graceSeconds: 1.5 }]) {
    const bad = await t.api<{ error: { field: string } }>('POST', `/api/v1/keys/${bob.keyId}/rotate`, body);
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('graceSeconds');
  }
  expect((await t.api('POST', '/api/v1/keys/key_missing/rotate', {})).status).toBe(404);
  expect((await t.api('POST', `/api/v1/keys/${bob.keyId}/rotate`, {}, 'nope')).status).toBe(401);
});
