// Tests for the spend estimate: each format's output cap, the bytes/4 input rule, pricing, multipliers and redirects.
import { describe, expect, it } from 'vitest';
import { PriceTable } from '../billing/price-table';
import type { WireFormat } from '../formats';
import { requestFieldsOf } from '../formats/common/request-fields';
import type { ProviderRuntime } from '../model/entities';
import {
  BYTES_PER_TOKEN,
  DEFAULT_OUTPUT_TOKENS,
  estimateNanos,
  estimateTokens,
  outputTokenCap,
  SpendEstimate,
} from './spend-estimate';

const fields = (o: unknown) => requestFieldsOf(Buffer.from(JSON.stringify(o)));
const cap = (format: WireFormat, o: unknown) => outputTokenCap(format, fields(o));

function table(): PriceTable {
  const t = new PriceTable();
  // $1 / M input tokens, $10 / M output tokens: 1,000 nano-USD and 10,000 nano-USD a token
  t.set('manual', 'cheap', { input_cost_per_token: 1e-6, output_cost_per_token: 1e-5 });
  t.set('manual', 'dear', { input_cost_per_token: 1e-5, output_cost_per_token: 1e-4 });
  t.set('manual', 'short', { input_cost_per_token: 1e-6, output_cost_per_token: 1e-5, max_output_tokens: 100 });
  t.set('manual', 'tiered', {
    input_cost_per_token: 1e-6,
    output_cost_per_token: 1e-5,
    input_cost_per_token_above_200k_tokens: 2e-6,
    output_cost_per_token_above_200k_tokens: 2e-5,
  });
  return t;
}

function provider(over: Partial<ProviderRuntime>): ProviderRuntime {
  return {
    id: 'p',
    type: 'anthropic',
    enabled: true,
    costMultiplier: 1,
    modelRedirects: [],
    serves: [],
    ...over,
  } as ProviderRuntime;
}

describe('outputTokenCap', () => {
  it('reads each format’s own field', () => {
    expect(cap('anthropic', { max_tokens: 512 })).toBe(512);
    expect(cap('openai-chat', { max_completion_tokens: 300, max_tokens: 900 })).toBe(300);
    expect(cap('openai-chat', { max_tokens: 900 })).toBe(900);
    expect(cap('openai-responses', { max_output_tokens: 2000, max_tokens: 7 })).toBe(2000);
    expect(cap('gemini', { generationConfig: { maxOutputTokens: 64, temperature: 0 } })).toBe(64);
    expect(cap('gemini', { generation_config: { max_output_tokens: 65 } })).toBe(65);
  });
  it('none, or no usable number: undefined', () => {
    expect(cap('anthropic', {})).toBeUndefined();
    expect(cap('openai-chat', { max_tokens: null })).toBeUndefined();
    expect(cap('openai-responses', { max_output_tokens: '100' })).toBeUndefined();
    expect(cap('openai-responses', { max_tokens: 100 })).toBeUndefined(); // not a Responses field
    expect(cap('gemini', { generationConfig: { temperature: 1 } })).toBeUndefined();
    expect(cap('gemini', { maxOutputTokens: 5 })).toBeUndefined(); // only inside generationConfig
    expect(cap('anthropic', { max_tokens: -1 })).toBeUndefined();
  });
});

describe('estimateTokens', () => {
  it('input is the body bytes / 4 rounded up; output the cap or the default', () => {
    expect(BYTES_PER_TOKEN).toBe(4);
    expect(estimateTokens('anthropic', 401, fields({ max_tokens: 50 }))).toEqual({ input: 101, output: 50 });
    expect(estimateTokens('openai-chat', 400, fields({}))).toEqual({ input: 100, output: DEFAULT_OUTPUT_TOKENS });
  });
});

describe('estimateNanos', () => {
  it('prices input and output tokens as the hub bills them', () => {
    expect(estimateNanos(table(), 'cheap', { input: 1000, output: 100 })).toBeCloseTo(1000 * 1000 + 100 * 10_000, 3);
  });
  it('caps the output at the model’s max_output_tokens', () => {
    expect(estimateNanos(table(), 'short', { input: 0, output: 5000 })).toBeCloseTo(100 * 10_000, 3);
  });
  it('applies the long-context tier the estimated input reaches', () => {
    expect(estimateNanos(table(), 'tiered', { input: 200_001, output: 0 })).toBeCloseTo(200_001 * 2000, 1);
  });
  it('a model without a price: 0', () => {
    expect(estimateNanos(table(), 'unknown-model', { input: 1000, output: 1000 })).toBe(0);
  });
});

describe('SpendEstimate', () => {
  const body = { model: 'cheap', max_tokens: 100, messages: [] };
  const bytes = 4000; // 1,000 input tokens
  const make = (billRedirected = false, model = 'cheap') =>
    new SpendEstimate('anthropic', fields(body), bytes, model, table(), billRedirected);
  const base = 1000 * 1000 + 100 * 10_000; // 2,000,000 nano-USD

  it('per provider: times its multiplier, in whole nano-USD', () => {
    expect(make().forProvider(provider({ costMultiplier: 1 }))).toBe(base);
    expect(make().forProvider(provider({ costMultiplier: 2.5 }))).toBe(2.5 * base);
    expect(make().forProvider(provider({ costMultiplier: 1 / 3 }))).toBe(Math.ceil(base / 3));
  });

  it('bills the redirected model’s price only when the setting says so', () => {
    const redirecting = provider({ modelRedirects: [{ match: 'exact', pattern: 'cheap', target: 'dear' }] });
    expect(make(false).forProvider(redirecting)).toBe(base);
    expect(make(true).forProvider(redirecting)).toBe(10 * base);
    // an unpriced requested model redirected to a priced one is still reserved for when the redirect is billed
    expect(make(true, 'no-price').forProvider(redirecting)).toBe(0);
    const fromUnknown = provider({ modelRedirects: [{ match: 'exact', pattern: 'no-price', target: 'dear' }] });
    expect(make(true, 'no-price').forProvider(fromUnknown)).toBe(10 * base);
  });

  it('the guard’s estimate: the dearest enabled provider serving the format', () => {
    const providers = [
      provider({ id: 'a', costMultiplier: 1 }),
      provider({ id: 'b', costMultiplier: 3 }),
      provider({ id: 'c', costMultiplier: 9, enabled: false }),
      provider({ id: 'd', costMultiplier: 7, type: 'openai-chat' }),
    ];
    expect(make().worst(providers)).toBe(3 * base);
    expect(make().worst([])).toBe(base);
    // A provider of another format that serves this one through translation counts too.
    expect(
      make().worst([...providers, provider({ id: 'e', costMultiplier: 5, type: 'gemini', serves: ['anthropic'] })]),
    ).toBe(5 * base);
  });
});
