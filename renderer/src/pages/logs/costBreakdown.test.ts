// Splitting a logged cost across token categories from the model's LiteLLM price entry.
import { describe, expect, it } from 'vitest';
import { costBreakdown, impliedMultiplier, priceMissing, unitPrices } from './costBreakdown';

const price = { input_cost_per_token: 3e-6, output_cost_per_token: 15e-6 };
const none = { cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0 };

describe('unitPrices', () => {
  it('falls back to 0.1× / 1.25× / 2× input for cache reads and writes', () => {
    const unit = unitPrices(price);
    expect(unit?.cacheRead).toBeCloseTo(0.3e-6);
    expect(unit?.cacheWrite5m).toBeCloseTo(3.75e-6);
    expect(unit?.cacheWrite1h).toBeCloseTo(6e-6);
  });

  it('takes explicit cache prices over the fallbacks, and refuses an entry without token prices', () => {
    expect(unitPrices({ ...price, cache_read_input_token_cost: 1e-7 })?.cacheRead).toBe(1e-7);
    expect(unitPrices({ mode: 'chat' })).toBeNull();
  });
});

describe('priceMissing', () => {
  it('flags only requests that used tokens and still have no cost', () => {
    expect(priceMissing({ inputTokens: 5, outputTokens: 0, ...none, costUsd: null })).toBe(true);
    expect(priceMissing({ inputTokens: 0, outputTokens: 0, ...none, costUsd: null })).toBe(false);
    expect(priceMissing({ inputTokens: 5, outputTokens: 0, ...none, costUsd: 0.1 })).toBe(false);
  });
});

describe('costBreakdown', () => {
  it('splits the logged cost by category, the parts adding up to it', () => {
    const record = { inputTokens: 1000, outputTokens: 100, ...none, cacheReadTokens: 2000, costUsd: 0.0051 };
    const parts = costBreakdown(record, price);
    expect(parts?.map((p) => p.category)).toEqual(['input', 'output', 'cacheRead']);
    expect(parts?.[0]?.costUsd).toBeCloseTo(0.003);
    expect(parts?.[1]?.costUsd).toBeCloseTo(0.0015);
    expect(parts?.[2]?.costUsd).toBeCloseTo(0.0006);
    expect(parts?.reduce((a, p) => a + p.costUsd, 0)).toBeCloseTo(0.0051);
  });

  it('scales the parts by the multiplier the logged cost carries', () => {
    const record = { inputTokens: 1000, outputTokens: 0, ...none, costUsd: 0.006 };
    expect(costBreakdown(record, price)?.[0]?.costUsd).toBeCloseTo(0.006);
    expect(impliedMultiplier(record, price)).toBeCloseTo(2);
  });

  it('gives nothing when the cost or the price is unknown', () => {
    const record = { inputTokens: 10, outputTokens: 10, ...none, costUsd: null };
    expect(costBreakdown(record, price)).toBeNull();
    expect(costBreakdown({ ...record, costUsd: 1 }, null)).toBeNull();
    expect(impliedMultiplier({ ...record, costUsd: 1 }, { mode: 'chat' })).toBeNull();
  });
});
