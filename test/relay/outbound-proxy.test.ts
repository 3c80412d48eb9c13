// A provider with an outbound proxy URL reaches its upstream through that proxy (a real CONNECT proxy on loopback).
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { type ConnectProxy, startConnectProxy } from '../helpers/connect-proxy';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let fake: FakeUpstream;
let proxy: ConnectProxy;
let t: TestHub;

beforeAll(async () => {
  fake = await startFakeUpstream();
  proxy = await startConnectProxy();
  t = await startTestHub();
});
afterAll(async () => {
  await t.stop();
  await proxy.close();
  await fake.close();
});

describe('outbound proxy', () => {
  it('relays JSON and streams through the provider’s proxy; a provider without one connects directly', async () => {
    const viaProxy = await t.addProvider(fake.url, { proxyUrl: proxy.url, priority: 0 });
    const { key } = await t.addUserWithKey();
    const client = new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 });
    const req = { model: 'claude-sonnet-4-6', max_tokens: 5, messages: [{ role: 'user' as const, content: 'hi' }] };
    const answer = await client.messages.create(req);
    expect(answer.content[0]).toMatchObject({ type: 'text' });
    const streamed = await client.messages.stream(req).finalMessage();
    expect(streamed.stop_reason).toBe('end_turn');
    const fakeHostPort = new URL(fake.url).host;
    expect(proxy.targets).toContain(fakeHostPort);
    expect(fake.calls).toHaveLength(2);

    await t.api('PATCH', `/api/v1/providers/${viaProxy.id}`, { proxyUrl: null });
    const tunnelsBefore = proxy.targets.length;
    await client.messages.create(req);
    expect(proxy.targets.length).toBe(tunnelsBefore);
    expect(fake.calls).toHaveLength(3);
  });

  it('a WebSocket turn to a provider with websocket: true behind a proxy goes over HTTP, through the proxy', async () => {
    const provider = await t.addProvider(`${fake.url}/v1`, {
      type: 'openai-responses',
      proxyUrl: proxy.url,
      websocket: true,
    });
    const { key } = await t.addUserWithKey();
    const tunnelsBefore = proxy.targets.length;
    const callsBefore = fake.calls.length;
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/responses`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const done = new Promise<string>((resolve, reject) => {
      ws.once('error', reject);
      ws.on('message', (data) => {
        const type = (JSON.parse(String(data)) as { type: string }).type;
        if (type === 'response.completed' || type === 'error') resolve(type);
      });
    });
    ws.once('open', () =>
      ws.send(JSON.stringify({ type: 'response.create', model: 'gpt-5', input: 'hi', stream: true, store: false })),
    );
    expect(await done).toBe('response.completed');
    ws.close();
    expect(fake.calls.slice(callsBefore).map((c) => c.method)).toEqual(['POST']);
    expect(proxy.targets.length).toBe(tunnelsBefore + 1);
    await t.api('DELETE', `/api/v1/providers/${provider.id}`);
  });
});
