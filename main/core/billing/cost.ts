// Turns a request's token usage and a LiteLLM price entry into a USD cost breakdown.
import type { Usage } from '../formats';
import type { PriceData } from './price-data';

/**
 * USD amounts. Every piece already includes the multiplier, so the pieces add up to `total`
 * (up to the 1e-12 rounding applied to each piece and to the total separately).
 */
export interface CostBreakdown {
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
  perRequest: number;
  total: number;
}

/** USD per token for each billing category. */
interface UnitPrices {
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
}

interface Tier {
  /** The tier applies when input + cache writes + cache reads is strictly greater than this. */
  above: number;
  prices: UnitPrices;
}

interface ResolvedPrice {
  base: UnitPrices;
  /** Ascending by `above`. */
  tiers: Tier[];
  perRequest: number;
}

/** The LiteLLM field behind each category, in the base price and (with `_above_<N>k_tokens`) in a tier. */
const FIELDS: Record<keyof UnitPrices, string> = {
  input: 'input_cost_per_token',
  output: 'output_cost_per_token',
  cacheWrite5m: 'cache_creation_input_token_cost',
  cacheWrite1h: 'cache_creation_input_token_cost_above_1hr',
  cacheRead: 'cache_read_input_token_cost',
};

const TIER_FIELD =
  /^(input_cost_per_token|output_cost_per_token|cache_read_input_token_cost|cache_creation_input_token_cost|cache_creation_input_token_cost_above_1hr)_above_(\d+)k_tokens$/;

const cache = new WeakMap<PriceData, ResolvedPrice | null>();

/**
 * Cost of one request. Returns null when the price is unknown or has neither an input nor an output
 * token price (cost unknown: a guess would bill wrongly).
 *
 * Unit prices: input `input_cost_per_token`; output `output_cost_per_token`; cache reads
 * `cache_read_input_token_cost`, else 0.1 × input; 5-minute cache writes `cache_creation_input_token_cost`,
 * else 1.25 × input; 1-hour cache writes `cache_creation_input_token_cost_above_1hr`, else 2 × input.
 * A missing input or output price counts as 0.
 *
 * Long-context tiers: each `<field>_above_<N>k_tokens` of those five fields defines a tier at N × 1000
 * tokens. When input + cache writes + cache reads is strictly above N × 1000, the whole request is
 * priced at that tier; with several tiers, the highest one passed. Within a tier a field is taken from
 * the highest passed tier that names it, else from the base entry, and only when neither has it does
 * the ratio fallback apply (to the tier's input price). So a tier that names only input and output
 * keeps the base entry's explicit cache prices, as LiteLLM does.
 *
 * `input_cost_per_request`, when present, is added once. Everything is multiplied by `multiplier`.
 * Amounts are rounded to 1e-12 USD.
 */
export function computeCost(usage: Usage, price: PriceData | undefined, multiplier = 1): CostBreakdown | null {
  if (!price) return null;
  const resolved = resolve(price);
  if (!resolved) return null;

  const context = usage.inputTokens + usage.cacheWrite5mTokens + usage.cacheWrite1hTokens + usage.cacheReadTokens;
  let unit = resolved.base;
  for (const tier of resolved.tiers) {
    if (context > tier.above) unit = tier.prices;
  }

  const input = usage.inputTokens * unit.input * multiplier;
  const output = usage.outputTokens * unit.output * multiplier;
  const cacheWrite5m = usage.cacheWrite5mTokens * unit.cacheWrite5m * multiplier;
  const cacheWrite1h = usage.cacheWrite1hTokens * unit.cacheWrite1h * multiplier;
  const cacheRead = usage.cacheReadTokens * unit.cacheRead * multiplier;
  const perRequest = resolved.perRequest * multiplier;
  return {
    input: round(input),
    output: round(output),
    cacheWrite5m: round(cacheWrite5m),
    cacheWrite1h: round(cacheWrite1h),
    cacheRead: round(cacheRead),
    perRequest: round(perRequest),
    total: round(input + output + cacheWrite5m + cacheWrite1h + cacheRead + perRequest),
  };
}

/** Whether `computeCost` can price this entry (it has an input or output token price). */
export function hasTokenPrices(price: PriceData | undefined): boolean {
  return price !== undefined && resolve(price) !== null;
}

function resolve(price: PriceData): ResolvedPrice | null {
  const cached = cache.get(price);
  if (cached !== undefined) return cached;
  const resolved = build(price);
  cache.set(price, resolved);
  return resolved;
}

function build(price: PriceData): ResolvedPrice | null {
  const record = price as Record<string, unknown>;
  const baseFields = pick(record, (field) => field);
  if (baseFields.input === undefined && baseFields.output === undefined) return null;

  const thresholds = new Set<number>();
  for (const field of Object.keys(record)) {
    const match = TIER_FIELD.exec(field);
    if (match && typeof record[field] === 'number') thresholds.add(Number(match[2]));
  }

  const tiers: Tier[] = [];
  let layered = baseFields;
  for (const n of [...thresholds].sort((a, b) => a - b)) {
    const own = pick(record, (field) => `${field}_above_${n}k_tokens`);
    layered = { ...layered, ...definedOnly(own) };
    tiers.push({ above: n * 1000, prices: withFallbacks(layered) });
  }

  const perRequest = record.input_cost_per_request;
  return {
    base: withFallbacks(baseFields),
    tiers,
    perRequest: typeof perRequest === 'number' ? perRequest : 0,
  };
}

type PartialPrices = { [K in keyof UnitPrices]: number | undefined };

function pick(record: Record<string, unknown>, name: (field: string) => string): PartialPrices {
  const read = (field: string): number | undefined => {
    const value = record[name(field)];
    return typeof value === 'number' ? value : undefined;
  };
  return {
    input: read(FIELDS.input),
    output: read(FIELDS.output),
    cacheWrite5m: read(FIELDS.cacheWrite5m),
    cacheWrite1h: read(FIELDS.cacheWrite1h),
    cacheRead: read(FIELDS.cacheRead),
  };
}

function definedOnly(prices: PartialPrices): Partial<UnitPrices> {
  const out: Partial<UnitPrices> = {};
  for (const key of Object.keys(prices) as (keyof UnitPrices)[]) {
    const value = prices[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function withFallbacks(prices: PartialPrices): UnitPrices {
  const input = prices.input ?? 0;
  return {
    input,
    output: prices.output ?? 0,
    cacheWrite5m: prices.cacheWrite5m ?? 1.25 * input,
    cacheWrite1h: prices.cacheWrite1h ?? 2 * input,
    cacheRead: prices.cacheRead ?? 0.1 * input,
  };
}

/** Rounds to 1e-12 USD; beyond ~9,000 USD (where that would overflow exact integers) keeps 15 significant digits. */
function round(usd: number): number {
  const scaled = usd * 1e12;
  if (Math.abs(scaled) < Number.MAX_SAFE_INTEGER) return Math.round(scaled) / 1e12;
  return Number(usd.toPrecision(15));
}
