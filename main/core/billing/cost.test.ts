// Tests for computeCost: categories, ratio fallbacks, long-context tiers, per-request price, multiplier, precision.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LITELLM_SOURCE_PATH } from '../../../test/helpers/price-source';
import type { Usage } from '../formats';
import { computeCost, hasTokenPrices } from './cost';
import { type PriceData, parseLiteLlmTable } from './price-data';

const table = parseLiteLlmTable(JSON.parse(readFileSync(LITELLM_SOURCE_PATH, 'utf8'))).models;

function model(name: string): PriceData {
  const data = table.get(name);
  if (!data) throw new Error(`${name} missing from the price file`);
  return data;
}

const usage = (u: Partial<Usage>): Usage => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  cacheReadTokens: 0,
  ...u,
});

describe('computeCost', () => {
  // claude-sonnet-4-5 in the source file: input 3e-6, output 1.5e-5, 5m write 3.75e-6, 1h write 6e-6,
  // read 3e-7; above 200k: input 6e-6, output 2.25e-5, 5m write 7.5e-6, 1h write 1.2e-5, read 6e-7.
  const sonnet = model('claude-sonnet-4-5');

  it('uses the table figures the hand computations below assume', () => {
    expect(sonnet).toMatchObject({
      input_cost_per_token: 3e-6,
      output_cost_per_token: 1.5e-5,
      cache_creation_input_token_cost: 3.75e-6,
      cache_creation_input_token_cost_above_1hr: 6e-6,
      cache_read_input_token_cost: 3e-7,
      input_cost_per_token_above_200k_tokens: 6e-6,
      output_cost_per_token_above_200k_tokens: 2.25e-5,
      cache_creation_input_token_cost_above_200k_tokens: 7.5e-6,
      cache_creation_input_token_cost_above_1hr_above_200k_tokens: 1.2e-5,
      cache_read_input_token_cost_above_200k_tokens: 6e-7,
    });
  });

  it('prices all five categories of a Claude request', () => {
    const cost = computeCost(
      usage({
        inputTokens: 1000,
        outputTokens: 500,
        cacheWrite5mTokens: 2000,
        cacheWrite1hTokens: 4000,
        cacheReadTokens: 10_000,
      }),
      sonnet,
    );
    // 1000×3e-6 = 0.003; 500×1.5e-5 = 0.0075; 2000×3.75e-6 = 0.0075; 4000×6e-6 = 0.024; 10000×3e-7 = 0.003
    expect(cost).toEqual({
      input: 0.003,
      output: 0.0075,
      cacheWrite5m: 0.0075,
      cacheWrite1h: 0.024,
      cacheRead: 0.003,
      perRequest: 0,
      total: 0.045,
    });
  });

  it('switches the whole request to the 200k tier only strictly above 200,000 context tokens', () => {
    const at = usage({
      inputTokens: 150_000,
      outputTokens: 1000,
      cacheWrite5mTokens: 20_000,
      cacheWrite1hTokens: 10_000,
      cacheReadTokens: 20_000,
    }); // context exactly 200,000: base prices
    // 150000×3e-6 = 0.45; 1000×1.5e-5 = 0.015; 20000×3.75e-6 = 0.075; 10000×6e-6 = 0.06; 20000×3e-7 = 0.006
    expect(computeCost(at, sonnet)?.total).toBe(0.606);

    const above = { ...at, inputTokens: 150_001 }; // 200,001: tier prices for every category
    // 150001×6e-6 = 0.900006; 1000×2.25e-5 = 0.0225; 20000×7.5e-6 = 0.15; 10000×1.2e-5 = 0.12; 20000×6e-7 = 0.012
    expect(computeCost(above, sonnet)).toEqual({
      input: 0.900006,
      output: 0.0225,
      cacheWrite5m: 0.15,
      cacheWrite1h: 0.12,
      cacheRead: 0.012,
      perRequest: 0,
      total: 1.204506,
    });
  });

  it('counts cache reads and writes towards the tier threshold, output not', () => {
    const cost = computeCost(usage({ inputTokens: 1, cacheReadTokens: 200_000, outputTokens: 500_000 }), sonnet);
    // context 200,001 → tier: 1×6e-6 + 200000×6e-7 + 500000×2.25e-5 = 0.000006 + 0.12 + 11.25
    expect(cost?.total).toBe(11.370006);
    const below = computeCost(usage({ cacheReadTokens: 200_000, outputTokens: 500_000 }), sonnet);
    // context 200,000 → base: 200000×3e-7 + 500000×1.5e-5 = 0.06 + 7.5
    expect(below?.total).toBe(7.56);
  });

  it('in a tier, keeps the base field the tier does not name (claude-sonnet-4-20250514 1h writes)', () => {
    const s4 = model('claude-sonnet-4-20250514');
    expect(s4.cache_creation_input_token_cost_above_1hr).toBe(6e-6);
    expect(s4.cache_creation_input_token_cost_above_1hr_above_200k_tokens).toBeUndefined();
    const cost = computeCost(usage({ inputTokens: 200_000, cacheWrite1hTokens: 1000 }), s4);
    expect(cost?.input).toBe(1.2); // 200000×6e-6 (tier)
    expect(cost?.cacheWrite1h).toBe(0.006); // 1000×6e-6 (base field, not 2×tier input)
  });

  it('falls back to 0.1× / 1.25× / 2× input for missing cache prices', () => {
    const price: PriceData = { mode: 'chat', input_cost_per_token: 1e-6, output_cost_per_token: 4e-6 };
    const cost = computeCost(
      usage({
        inputTokens: 1000,
        outputTokens: 1000,
        cacheWrite5mTokens: 1000,
        cacheWrite1hTokens: 1000,
        cacheReadTokens: 1000,
      }),
      price,
    );
    // 1000×1e-6 = 0.001; 1000×4e-6 = 0.004; 5m 1000×1.25e-6 = 0.00125; 1h 1000×2e-6 = 0.002; read 1000×1e-7 = 0.0001
    expect(cost).toEqual({
      input: 0.001,
      output: 0.004,
      cacheWrite5m: 0.00125,
      cacheWrite1h: 0.002,
      cacheRead: 0.0001,
      perRequest: 0,
      total: 0.00835,
    });
  });

  it('applies the fallbacks to the tier input price when neither tier nor base names the field', () => {
    const price: PriceData = {
      input_cost_per_token: 1e-6,
      output_cost_per_token: 1e-6,
      input_cost_per_token_above_128k_tokens: 2e-6,
    };
    const cost = computeCost(usage({ inputTokens: 128_000, cacheReadTokens: 1000 }), price);
    // context 129,000 > 128,000: input 128000×2e-6 = 0.256; read 1000×(0.1×2e-6) = 0.0002
    expect(cost?.input).toBe(0.256);
    expect(cost?.cacheRead).toBe(0.0002);
  });

  it('with several tiers uses the highest one passed, each field from the highest tier naming it', () => {
    const price: PriceData = {
      input_cost_per_token: 1e-6,
      output_cost_per_token: 1e-6,
      input_cost_per_token_above_128k_tokens: 2e-6,
      output_cost_per_token_above_128k_tokens: 3e-6,
      input_cost_per_token_above_256k_tokens: 4e-6,
    };
    const at200k = computeCost(usage({ inputTokens: 200_000, outputTokens: 1000 }), price);
    expect(at200k?.input).toBe(0.4); // 200000×2e-6
    expect(at200k?.output).toBe(0.003); // 1000×3e-6
    const at300k = computeCost(usage({ inputTokens: 300_000, outputTokens: 1000 }), price);
    expect(at300k?.input).toBe(1.2); // 300000×4e-6
    expect(at300k?.output).toBe(0.003); // 128k output price still applies
  });

  it('adds input_cost_per_request once', () => {
    const pplx = model('perplexity/sonar-small-online');
    expect(pplx.input_cost_per_request).toBe(0.005);
    expect(pplx).toMatchObject({ input_cost_per_token: 0, output_cost_per_token: 2.8e-7 });
    const cost = computeCost(usage({ inputTokens: 100, outputTokens: 200 }), pplx);
    // 0.005 + 100×0 + 200×2.8e-7 = 0.005056
    expect(cost?.perRequest).toBe(0.005);
    expect(cost?.total).toBe(0.005056);
    expect(computeCost(usage({ inputTokens: 100, outputTokens: 200 }), pplx, 2)?.total).toBe(0.010112);
  });

  it('applies the multiplier to every piece and the total', () => {
    const cost = computeCost(usage({ inputTokens: 1000, outputTokens: 500, cacheReadTokens: 10_000 }), sonnet, 1.5);
    // (0.003 + 0.0075 + 0.003) × 1.5 = 0.02025
    expect(cost).toEqual({
      input: 0.0045,
      output: 0.01125,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheRead: 0.0045,
      perRequest: 0,
      total: 0.02025,
    });
    expect(computeCost(usage({ inputTokens: 1000 }), sonnet, 0)?.total).toBe(0);
  });

  it('returns null for an unknown price or one without token prices', () => {
    expect(computeCost(usage({ inputTokens: 10 }), undefined)).toBeNull();
    const perSecond: PriceData = { mode: 'chat', input_cost_per_second: 1e-4 };
    expect(computeCost(usage({ inputTokens: 10 }), perSecond)).toBeNull();
    expect(hasTokenPrices(perSecond)).toBe(false);
    expect(hasTokenPrices(sonnet)).toBe(true);
    // An explicit zero price is a known (free) price, not an unknown one.
    expect(computeCost(usage({ inputTokens: 10 }), { input_cost_per_token: 0 })?.total).toBe(0);
  });

  it('keeps sub-1e-9 amounts and rounds float noise away', () => {
    expect(computeCost(usage({ inputTokens: 1 }), { input_cost_per_token: 8e-11 })?.total).toBe(8e-11);
    // 3 × 1e-7 is 3.0000000000000004e-7 in doubles
    expect(computeCost(usage({ inputTokens: 3 }), { input_cost_per_token: 1e-7 })?.total).toBe(3e-7);
    // 0.1 + 0.2 style noise in the sum
    const sum = computeCost(usage({ inputTokens: 1, outputTokens: 1 }), {
      input_cost_per_token: 0.1,
      output_cost_per_token: 0.2,
    });
    expect(sum?.total).toBe(0.3);
  });

  it('returns the same result when called repeatedly (cached resolution)', () => {
    const u = usage({ inputTokens: 250_000, outputTokens: 10 });
    const first = computeCost(u, sonnet);
    expect(computeCost(u, sonnet)).toEqual(first);
    expect(first?.input).toBe(1.5); // 250000×6e-6
  });
});
