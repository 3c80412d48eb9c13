// Cache-hit rate of a usage row: cache reads over everything sent as input (input + cache reads + cache writes).
import type { LeaderboardItem } from '../../../../shared/api-schemas';

export function cacheHitRate(
  item: Pick<LeaderboardItem, 'cacheHitRate' | 'inputTokens' | 'cacheReadTokens' | 'cacheWriteTokens'>,
): number | null {
  if (item.cacheHitRate !== undefined) return item.cacheHitRate;
  const sent = item.inputTokens + item.cacheReadTokens + item.cacheWriteTokens;
  return sent > 0 ? item.cacheReadTokens / sent : null;
}
