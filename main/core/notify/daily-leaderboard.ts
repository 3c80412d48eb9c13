// leaderboard.daily: at a set local time, the previous local day's top users by cost, once per day.
import type { Combo } from '../store/records';
import { calendarFor, HOUR_MS, parseHhMm } from '../time/calendar';
import { addLocalDays, localDateLabel, startOfLocalDay } from '../time/local-days';
import type { MemoryStore } from './watchers';

const LAST_SENT = 'notify.leaderboardLast';
/** A send time missed by more than this (the hub was down) is skipped, not sent late. */
const LATE_LIMIT_MS = HOUR_MS;

export interface LeaderboardInput {
  timeZone: string;
  time: string;
  size: number;
  comboSums(from: number, to: number): Combo[];
  userName(id: string): string | undefined;
}

export class DailyLeaderboard {
  constructor(private readonly memory: MemoryStore) {}

  /** The leaderboard's data when its time has come and it was not sent for this day yet; else null. */
  due(input: LeaderboardInput, now: number): Record<string, unknown> | null {
    const minute = parseHhMm(input.time) ?? 9 * 60;
    const slot = calendarFor(input.timeZone).dayWindow(now, minute).start;
    const label = localDateLabel(input.timeZone, slot);
    if (this.memory.read(LAST_SENT) === label) return null;
    this.memory.write(LAST_SENT, label);
    if (now - slot > LATE_LIMIT_MS) return null;
    const to = startOfLocalDay(input.timeZone, slot);
    const from = addLocalDays(input.timeZone, to, -1);
    return this.build(input, from, to);
  }

  private build(input: LeaderboardInput, from: number, to: number): Record<string, unknown> | null {
    const byUser = new Map<string, { requests: number; costUsd: number }>();
    let totalRequests = 0;
    let totalCostUsd = 0;
    for (const c of input.comboSums(from, to)) {
      totalRequests += c.requests;
      totalCostUsd += c.costUsd;
      if (!c.userId) continue;
      const u = byUser.get(c.userId) ?? { requests: 0, costUsd: 0 };
      u.requests += c.requests;
      u.costUsd += c.costUsd;
      byUser.set(c.userId, u);
    }
    if (totalRequests === 0) return null;
    const entries = [...byUser.entries()]
      .sort((a, b) => b[1].costUsd - a[1].costUsd || b[1].requests - a[1].requests)
      .slice(0, input.size)
      .map(([userId, u], i) => ({
        rank: i + 1,
        userId,
        name: input.userName(userId) ?? userId,
        requests: u.requests,
        costUsd: u.costUsd,
      }));
    return {
      date: localDateLabel(input.timeZone, from),
      timezone: input.timeZone,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      totalRequests,
      totalCostUsd,
      entries,
    };
  }
}
