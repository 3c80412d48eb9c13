// Prices one finished request: its cost (null when the model has no price) and what its cache reads saved.
import type { Usage } from '../formats';
import { computeCost } from './cost';
import type { PriceTable } from './price-table';

export interface RequestPrice {
  costUsd: number | null;
  cacheSavingsUsd: number;
}

export function priceRequest(table: PriceTable, model: string | null, usage: Usage, multiplier: number): RequestPrice {
  const entry = model ? table.lookup(model) : undefined;
  const cost = computeCost(usage, entry?.data, multiplier);
  if (!cost) return { costUsd: null, cacheSavingsUsd: 0 };
  let cacheSavingsUsd = 0;
  if (usage.cacheReadTokens > 0) {
    const uncached = computeCost(
      {
        inputTokens: usage.cacheReadTokens,
        outputTokens: 0,
        cacheWrite5mTokens: 0,
        cacheWrite1hTokens: 0,
        cacheReadTokens: 0,
      },
      entry?.data,
      multiplier,
    );
    cacheSavingsUsd = Math.max(0, (uncached?.input ?? 0) - cost.cacheRead);
  }
  return { costUsd: cost.total, cacheSavingsUsd };
}
