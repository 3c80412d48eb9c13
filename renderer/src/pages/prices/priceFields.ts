// The LiteLLM price fields the console edits directly, shown per million tokens; the rest stays as JSON.

export const PRICE_FIELDS = [
  'input_cost_per_token',
  'output_cost_per_token',
  'cache_read_input_token_cost',
  'cache_creation_input_token_cost',
  'cache_creation_input_token_cost_above_1hr',
] as const;
export type PriceField = (typeof PRICE_FIELDS)[number];

export function perMillion(data: Record<string, unknown>, field: string): number | null {
  const value = data[field];
  return typeof value === 'number' && Number.isFinite(value) ? value * 1e6 : null;
}

/** Form text (USD per million tokens) → a price entry: given fields set per token, emptied fields removed. */
export function applyPerMillion(
  base: Record<string, unknown>,
  texts: Partial<Record<PriceField, string>>,
): { data: Record<string, unknown>; invalid: PriceField | null } {
  const data: Record<string, unknown> = { ...base };
  for (const field of PRICE_FIELDS) {
    const text = texts[field];
    if (text === undefined) continue;
    if (text.trim() === '') {
      delete data[field];
      continue;
    }
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0) return { data, invalid: field };
    data[field] = value / 1e6;
  }
  return { data, invalid: null };
}

/** Rounds away float noise from ×1e6 (3e-6 × 1e6 = 2.9999999999999996). */
export function cleanNumber(value: number): string {
  return String(Number.parseFloat(value.toPrecision(12)));
}
