// Splits a request's logged cost across token categories using its model's price entry.
import type { RequestRecord } from '../../../../shared/api-schemas';

export type CostCategory = 'input' | 'output' | 'cacheWrite5m' | 'cacheWrite1h' | 'cacheRead' | 'perRequest';

export interface CostPart {
  category: CostCategory;
  tokens: number;
  /** USD per token before the provider multiplier (per request for `perRequest`). */
  unitPrice: number;
  /** This part's share of the logged cost, USD. */
  costUsd: number;
}

type Tokens = Pick<
  RequestRecord,
  'inputTokens' | 'outputTokens' | 'cacheWrite5mTokens' | 'cacheWrite1hTokens' | 'cacheReadTokens' | 'costUsd'
>;

const num = (data: Record<string, unknown>, field: string): number | undefined => {
  const value = data[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};

/** Base unit prices with the hub's fallbacks (billing/cost.ts: cache read 0.1×, 5-minute write 1.25×, 1-hour write 2× input). */
export function unitPrices(priceData: Record<string, unknown>): Record<CostCategory, number> | null {
  const input = num(priceData, 'input_cost_per_token');
  const output = num(priceData, 'output_cost_per_token');
  if (input === undefined && output === undefined) return null;
  const i = input ?? 0;
  return {
    input: i,
    output: output ?? 0,
    cacheRead: num(priceData, 'cache_read_input_token_cost') ?? 0.1 * i,
    cacheWrite5m: num(priceData, 'cache_creation_input_token_cost') ?? 1.25 * i,
    cacheWrite1h: num(priceData, 'cache_creation_input_token_cost_above_1hr') ?? 2 * i,
    perRequest: num(priceData, 'input_cost_per_request') ?? 0,
  };
}

/**
 * The logged cost split by category: each category's tokens × base unit price, scaled so the parts add up to the
 * logged cost (which already carries the provider multiplier and any long-context tier). Null when the cost or the
 * price is unknown.
 */
export function costBreakdown(r: Tokens, priceData: Record<string, unknown> | null | undefined): CostPart[] | null {
  if (r.costUsd === null || !priceData) return null;
  const unit = unitPrices(priceData);
  if (!unit) return null;
  const tokens: Record<CostCategory, number> = {
    input: r.inputTokens,
    output: r.outputTokens,
    cacheWrite5m: r.cacheWrite5mTokens,
    cacheWrite1h: r.cacheWrite1hTokens,
    cacheRead: r.cacheReadTokens,
    perRequest: unit.perRequest > 0 ? 1 : 0,
  };
  const categories = Object.keys(tokens) as CostCategory[];
  const raw = categories.map((c) => tokens[c] * unit[c]);
  const rawTotal = raw.reduce((a, b) => a + b, 0);
  const scale = rawTotal > 0 ? r.costUsd / rawTotal : 0;
  return categories
    .map((category, i) => ({
      category,
      tokens: tokens[category],
      unitPrice: unit[category],
      costUsd: (raw[i] ?? 0) * scale,
    }))
    .filter((part) => part.tokens > 0);
}

/** Tokens of every category a request used. */
export function tokenTotal(r: Omit<Tokens, 'costUsd'>): number {
  return r.inputTokens + r.outputTokens + r.cacheWrite5mTokens + r.cacheWrite1hTokens + r.cacheReadTokens;
}

/**
 * Whether a request's cost is unknown because its model has no price: it used tokens but carries no cost. A refused
 * or failed request without usage has no cost to know.
 */
export function priceMissing(r: Tokens): boolean {
  return r.costUsd === null && tokenTotal(r) > 0;
}

/** The multiplier the logged cost implies over base prices (provider multiplier × tier), null when unknown. */
export function impliedMultiplier(r: Tokens, priceData: Record<string, unknown> | null | undefined): number | null {
  if (r.costUsd === null || !priceData) return null;
  const unit = unitPrices(priceData);
  if (!unit) return null;
  const base =
    r.inputTokens * unit.input +
    r.outputTokens * unit.output +
    r.cacheWrite5mTokens * unit.cacheWrite5m +
    r.cacheWrite1hTokens * unit.cacheWrite1h +
    r.cacheReadTokens * unit.cacheRead +
    unit.perRequest;
  return base > 0 ? r.costUsd / base : null;
}
