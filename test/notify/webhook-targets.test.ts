// Each webhook kind delivered to a local receiver through the admin API's test button, its signature verified
// independently; the target's URL and secret never come back from the API, the audit log or the hub's log.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditList } from '../../shared/api-schemas';
import { Webhook, WebhookDeliveryList, WebhookTestResult } from '../../shared/webhook-schemas';
import { as, call, expectError, startTestHub, type TestHub } from '../admin/helpers';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

let hub: TestHub;
let receiver: WebhookReceiver;
const SECRET = 'whsec-Zk39-signing-secret';
const TOKEN_PATH = '/robot/send-token-4f2a9c';

beforeAll(async () => {
  hub = await startTestHub();
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await hub.close();
  await receiver.close();
});

async function createAndTest(body: Record<string, unknown>) {
  const hook = as(
    await call(hub, 'POST', '/webhooks', { body: { events: ['breaker.opened'], ...body } }),
    201,
    Webhook,
  );
  const before = receiver.received.length;
  const result = as(await call(hub, 'POST', `/webhooks/${hook.id}/test`), 200, WebhookTestResult);
  expect(receiver.received).toHaveLength(before + 1);
  return { hook, result, got: receiver.received[before] as (typeof receiver.received)[number] };
}

describe('each kind, signed as its vendor checks it', () => {
  it('json: { event, at, data } with x-cchub-signature = sha256=HMAC(secret, raw body)', async () => {
    const { hook, result, got } = await createAndTest({ kind: 'json', url: `${receiver.url}/json`, secret: SECRET });
    expect(result.delivery).toMatchObject({ event: 'test', status: 'delivered', attempts: 1, responseStatus: 200 });
    expect(got.json).toEqual({
      event: 'test',
      at: new Date(hub.clock.now()).toISOString(),
      data: { webhookId: hook.id, name: hook.name },
    });
    const expected = createHmac('sha256', SECRET).update(got.raw, 'utf8').digest('hex');
    expect(got.headers['x-cchub-signature']).toBe(`sha256=${expected}`);
    expect(got.headers['content-type']).toBe('application/json');
  });

  it('json with a template: placeholders filled and escaped, the signature over the rendered body', async () => {
    const template = '{"kind":"{{event}}","headline":"[cchub] {{title}}","payload":{{data}},"id":"{{data.webhookId}}"}';
    const { hook, got } = await createAndTest({ kind: 'json', url: `${receiver.url}/tpl`, secret: SECRET, template });
    expect(got.json).toEqual({
      kind: 'test',
      headline: '[cchub] cchub test notification',
      payload: { webhookId: hook.id, name: hook.name },
      id: hook.id,
    });
    expect(got.headers['x-cchub-signature']).toBe(
      `sha256=${createHmac('sha256', SECRET).update(got.raw).digest('hex')}`,
    );
  });

  it('feishu: timestamp (seconds) and sign = base64(HMAC-SHA256 keyed "timestamp\\nsecret" over "") in the body', async () => {
    const { got } = await createAndTest({ kind: 'feishu', url: `${receiver.url}${TOKEN_PATH}`, secret: SECRET });
    const body = got.json as { timestamp: string; sign: string; msg_type: string; content: { text: string } };
    expect(body.timestamp).toBe(String(Math.floor(hub.clock.now() / 1000)));
    expect(body.sign).toBe(createHmac('sha256', `${body.timestamp}\n${SECRET}`).update('').digest('base64'));
    expect(body.msg_type).toBe('text');
    expect(body.content.text).toContain('cchub test notification');
  });

  it('dingtalk: timestamp (ms) and urlencoded sign = base64(HMAC-SHA256(secret, "timestamp\\nsecret")) in the query', async () => {
    const { got } = await createAndTest({
      kind: 'dingtalk',
      url: `${receiver.url}/robot/send?access_token=tok123`,
      secret: SECRET,
    });
    const rawQuery = got.url.split('?')[1] ?? '';
    const query = new URLSearchParams(rawQuery);
    expect(query.get('access_token')).toBe('tok123');
    const timestamp = query.get('timestamp') ?? '';
    expect(timestamp).toBe(String(hub.clock.now()));
    const sign = createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64');
    expect(query.get('sign')).toBe(sign);
    // sent URL-encoded (base64's + / = would otherwise be misread)
    expect(rawQuery).toContain(`sign=${encodeURIComponent(sign)}`);
    expect(got.json).toMatchObject({ msgtype: 'markdown', markdown: { title: 'cchub test notification' } });
  });

  it('slack: { text }', async () => {
    const { got } = await createAndTest({ kind: 'slack', url: `${receiver.url}/services/T0/B0/xyz` });
    expect(got.json).toEqual({ text: expect.stringContaining('*cchub test notification*') });
  });

  it('wecom: a markdown message', async () => {
    const { got } = await createAndTest({ kind: 'wecom', url: `${receiver.url}/cgi-bin/webhook/send?key=k-1` });
    expect(got.url).toBe('/cgi-bin/webhook/send?key=k-1');
    expect(got.json).toEqual({
      msgtype: 'markdown',
      markdown: { content: expect.stringContaining('**cchub test notification**') },
    });
  });

  it('telegram: sendMessage to the chat, HTML-escaped', async () => {
    const { got } = await createAndTest({
      kind: 'telegram',
      url: `${receiver.url}/bot123456:AAH-secret-bot-token/sendMessage`,
      chatId: '-100200300',
    });
    expect(got.url).toBe('/bot123456:AAH-secret-bot-token/sendMessage');
    expect(got.json).toEqual({ chat_id: '-100200300', parse_mode: 'HTML', text: expect.stringMatching(/^<b>cchub/) });
  });

  it('a target that answers with an error: the test reports it and the delivery log keeps it', async () => {
    receiver.script({ status: 200, body: { errcode: 310000, errmsg: 'sign not match' } });
    const { hook, result } = await createAndTest({ kind: 'dingtalk', url: `${receiver.url}/d`, secret: 'wrong' });
    expect(result.delivery).toMatchObject({ status: 'failed', attempts: 1 });
    expect(result.delivery.lastError).toMatch(/310000/);
    const log = as(await call(hub, 'GET', `/webhooks/${hook.id}/deliveries`), 200, WebhookDeliveryList);
    expect(log.items).toEqual([result.delivery]);
    const again = as(await call(hub, 'GET', `/webhooks/${hook.id}`), 200, Webhook);
    expect(again.lastDelivery).toMatchObject({ status: 'failed' });
  });
});

describe('secrets stay secret', () => {
  it('the URL and secret are never shown back, audited or logged; the test and every change are audited', async () => {
    const created = as(
      await call(hub, 'POST', '/webhooks', {
        body: { kind: 'slack', url: `${receiver.url}${TOKEN_PATH}`, secret: SECRET, events: ['spend.threshold'] },
      }),
      201,
      Webhook,
    );
    expect(created.urlHint).toBe(`${receiver.url}/…`);
    expect(created.hasSecret).toBe(true);
    const patched = as(
      await call(hub, 'PATCH', `/webhooks/${created.id}`, { body: { enabled: false, secret: null } }),
      200,
      Webhook,
    );
    expect(patched).toMatchObject({ enabled: false, hasSecret: false });
    await call(hub, 'POST', `/webhooks/${created.id}/test`);
    const list = await call(hub, 'GET', '/webhooks');
    const audit = as(await call(hub, 'GET', '/audit?action=webhook.'), 200, AuditList);
    expect(audit.items.map((a) => a.action)).toEqual(
      expect.arrayContaining(['webhook.create', 'webhook.update', 'webhook.test']),
    );
    const stored = hub.database.sqlite.prepare('SELECT * FROM webhooks WHERE id = ?').get(created.id);
    for (const text of [list.text, JSON.stringify(audit), hub.logLines.join('\n'), JSON.stringify(stored)]) {
      expect(text).not.toContain(TOKEN_PATH);
      expect(text).not.toContain(SECRET);
    }
    expect(hub.ctx.secrets.decrypt((stored as { url_ciphertext: string }).url_ciphertext)).toContain(TOKEN_PATH);
    expect((await call(hub, 'DELETE', `/webhooks/${created.id}`)).status).toBe(204);
    expect(as(await call(hub, 'GET', '/audit?action=webhook.delete'), 200, AuditList).items).toHaveLength(1);
    expect((await call(hub, 'GET', `/webhooks/${created.id}/deliveries`)).status).toBe(404);
  });
});

describe('validation', () => {
  it('refuses what cannot be delivered, naming the field', async () => {
    const post = (body: Record<string, unknown>) => call(hub, 'POST', '/webhooks', { body });
    const base = { kind: 'json', url: `${receiver.url}/v`, events: ['breaker.opened'] };
    expectError(await post({ ...base, kind: 'telegram' }), 400, 'invalid_field', 'chatId');
    expectError(await post({ ...base, url: 'ftp://example.com/x' }), 400, 'invalid_field', 'url');
    expectError(await post({ ...base, events: ['breaker.exploded'] }), 400, 'invalid_field', 'events.0');
    expectError(await post({ ...base, events: [] }), 400, 'invalid_field', 'events');
    expectError(await post({ ...base, kind: 'slack', template: '{"a":1}' }), 400, 'invalid_field', 'template');
    expectError(await post({ ...base, template: '{"a": {{data}' }), 400, 'invalid_field', 'template');
    expectError(await post({ ...base, extra: 1 }), 400, 'unknown_field', 'extra');
  });

  it('is admin-only', async () => {
    const user = hub.ctx.store.users.create({ name: 'member' }, hub.clock.now());
    const { key } = hub.ctx.store.keys.create(user.id, { name: 'k', canLogin: true }, hub.clock.now());
    hub.ctx.notifyChanged('keys');
    expectError(await call(hub, 'GET', '/webhooks', { token: key }), 403, 'forbidden');
    expectError(await call(hub, 'GET', '/webhooks', { token: null }), 401, 'unauthorized');
  });
});
