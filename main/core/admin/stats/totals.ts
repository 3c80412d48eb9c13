// Rollup sums → the API's totals and leaderboard rows (rates and averages derived here, once).
import type { LeaderboardItem, UsageTotals } from '../../../../shared/api-schemas';
import type { UsageSums } from '../../store/usage-stats';

/** Sums of floats drift in the last bits; money and rates are shown rounded to 1e-9. */
export function round9(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

export function totalsOf(s: UsageSums, p50LatencyMs: number | null): UsageTotals {
  return {
    requests: s.requests,
    errors: s.errors,
    costUsd: round9(s.costUsd),
    inputTokens: s.inputTokens,
    outputTokens: s.outputTokens,
    cacheReadTokens: s.cacheReadTokens,
    cacheWriteTokens: s.cacheWriteTokens,
    cacheSavingsUsd: round9(s.cacheSavingsUsd),
    errorRate: s.requests === 0 ? 0 : round9(s.errors / s.requests),
    avgLatencyMs: s.requests === 0 ? null : Math.round(s.durationMsSum / s.requests),
    p50LatencyMs,
  };
}

/** cache reads / every input token (fresh input + cache reads + cache writes); 0 without input. */
export function cacheHitRate(s: UsageSums): number {
  const input = s.inputTokens + s.cacheReadTokens + s.cacheWriteTokens;
  return input === 0 ? 0 : round9(s.cacheReadTokens / input);
}

export function leaderboardItem(id: string, name: string, s: UsageSums, withProviderFigures: boolean): LeaderboardItem {
  const item: LeaderboardItem = {
    id,
    name,
    requests: s.requests,
    errors: s.errors,
    costUsd: round9(s.costUsd),
    inputTokens: s.inputTokens,
    outputTokens: s.outputTokens,
    cacheReadTokens: s.cacheReadTokens,
    cacheWriteTokens: s.cacheWriteTokens,
    cacheSavingsUsd: round9(s.cacheSavingsUsd),
  };
  if (withProviderFigures) {
    item.successRate = s.requests === 0 ? 0 : round9((s.requests - s.errors) / s.requests);
    item.avgLatencyMs = s.requests === 0 ? null : Math.round(s.durationMsSum / s.requests);
    item.costPerRequest = s.requests === 0 ? 0 : round9(s.costUsd / s.requests);
    item.cacheHitRate = cacheHitRate(s);
  }
  return item;
}

/** Cost, then requests, descending; then id for a stable order. */
export function byCostThenRequests(a: LeaderboardItem, b: LeaderboardItem): number {
  return b.costUsd - a.costUsd || b.requests - a.requests || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
