// Leaderboards from the rollups: users, keys, providers (with success rate, latency, cost per request, cache hits), models.
import type { Leaderboard, LeaderboardPeriod, StatsGroupBy } from '../../../../shared/api-schemas';
import { toIso, toIsoOrNull } from '../../store/iso';
import { byDimension } from './aggregate';
import { namesFor } from './names';
import type { TimeRange } from './periods';
import type { StatsSources } from './sources';
import { byCostThenRequests, leaderboardItem } from './totals';

export interface LeaderboardInput {
  timeZone: string;
  now: number;
  period: LeaderboardPeriod;
  scope: StatsGroupBy;
  range: TimeRange;
  limit: number;
  userId?: string;
}

export function buildLeaderboard(sources: StatsSources, input: LeaderboardInput): Leaderboard {
  const { scope, range } = input;
  const segments = sources.days.segments(input.timeZone, range.from, range.to, input.now);
  const name = namesFor(sources.store, scope);
  const items = [...byDimension(segments, scope, input.userId).entries()]
    .map(([id, s]) => leaderboardItem(id, name(id), s, scope === 'provider'))
    .sort(byCostThenRequests)
    .slice(0, input.limit);
  return {
    period: input.period,
    scope,
    from: toIsoOrNull(range.from),
    to: toIso(range.to),
    timezone: input.timeZone,
    items,
  };
}
