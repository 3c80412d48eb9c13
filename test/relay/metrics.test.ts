// GET /metrics: Prometheus text format with request counters, tokens, cost, a latency histogram and live gauges.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../fake-upstream';
import { startRelayFixture } from '../helpers/relay-fixture';
import { TEST_ADMIN_TOKEN, type TestHub } from '../helpers/test-hub';

let fake: FakeUpstream;
let t: TestHub;
let key: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ fake, t, key, stop } = await startRelayFixture({ name: 'main "anthropic"' }));
});
afterAll(() => stop());

const scrape = (token?: string) =>
  fetch(`${t.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('/metrics', () => {
  it('needs the admin token', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape(key)).status).toBe(401);
  });

  it('counts requests, errors, tokens and cost per format/status/provider/model, with a histogram and gauges', async () => {
    const client = new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 });
    fake.setDefault({ kind: 'ok', usage: { input: 100, output: 20, cacheRead: 50 } });
    for (let i = 0; i < 3; i++) {
      await client.messages.create({
        model: 'claude-sonnet-4-6',
        max_tokens: 5,
        messages: [{ role: 'user', content: `q${i}` }],
      });
    }
    fake.enqueue({ kind: 'status', status: 400 });
    await client.messages
      .create({ model: 'claude-sonnet-4-6', max_tokens: 5, messages: [{ role: 'user', content: 'bad' }] })
      .catch(() => undefined);
    const res = await scrape(TEST_ADMIN_TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    const labels =
      'format="anthropic",endpoint="messages",status="200",provider="main \\"anthropic\\"",model="claude-sonnet-4-6"';
    expect(text).toContain(`cchub_requests_total{${labels}} 3`);
    expect(text).toContain(`cchub_input_tokens_total{${labels}} 300`);
    expect(text).toContain(`cchub_cache_read_tokens_total{${labels}} 150`);
    expect(text).toContain(`cchub_request_duration_seconds_count{${labels}} 3`);
    expect(text).toContain(`cchub_request_duration_seconds_bucket{${labels},le="+Inf"} 3`);
    expect(text).toMatch(/cchub_request_errors_total\{format="anthropic",endpoint="messages",status="400",[^}]*\} 1/);
    const cost = Number(
      new RegExp(`cchub_cost_usd_total\\{${labels.replace(/[\\"]/g, (c) => `\\${c}`)}\\} (\\S+)`).exec(text)?.[1],
    );
    expect(cost).toBeCloseTo(3 * (100 * 3e-6 + 20 * 15e-6 + 50 * 3e-7), 12);
    expect(text).toContain('cchub_in_flight_requests 0');
    expect(text).toContain('cchub_breaker_state{provider="main \\"anthropic\\""} 0');
    expect(text).toMatch(/# TYPE cchub_request_duration_seconds histogram/);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{quantile="1"\} \d/m);
  });
});
