// The tray's numbers, read in-process from a running hub: today's rollups, requests in flight, provider health.
import type Database from 'better-sqlite3';
import { firstHourOfToday, isTimeZone } from './today';

export type BreakerState = 'closed' | 'open' | 'half-open';

/** The parts of a running hub the tray reads (a `Hub` satisfies it). */
export interface StatsHub {
  relay: { inFlight(): number };
  internals: { registry: { providers(): readonly { id: string; name: string; enabled: boolean }[] } };
  context: {
    database: { sqlite: Pick<Database.Database, 'prepare'> };
    config: { timezone: string };
    /** The hub's settings, where the hub has them (timezone, currency symbol). */
    settings?: () => { timezone?: string; currencySymbol?: string };
  };
}

export interface ProviderHealth {
  id: string;
  name: string;
  enabled: boolean;
  breaker: BreakerState;
}

export interface TrayStats {
  requests: number;
  errors: number;
  costUsd: number;
  tokens: number;
  inFlight: number;
  providers: ProviderHealth[];
  currencySymbol: string;
  timeZone: string;
}

export interface ReadStatsOptions {
  now: number;
  /** The circuit breaker's view of a provider (the routing module's board); closed when not supplied. */
  breakerState?: (providerId: string) => BreakerState;
}

export interface TodayUsage {
  requests: number;
  errors: number;
  costUsd: number;
  tokens: number;
}

/** Sums the hourly rollups from the hour holding local midnight on: every token category counts. */
export function readTodayUsage(sqlite: Pick<Database.Database, 'prepare'>, timeZone: string, now: number): TodayUsage {
  const row = sqlite
    .prepare(
      `SELECT COALESCE(SUM(requests), 0) AS requests, COALESCE(SUM(errors), 0) AS errors,
         COALESCE(SUM(cost_usd), 0) AS costUsd,
         COALESCE(SUM(input_tokens + output_tokens + cache_write_5m_tokens + cache_write_1h_tokens
           + cache_read_tokens), 0) AS tokens
       FROM usage_hourly WHERE hour >= ?`,
    )
    .get(firstHourOfToday(timeZone, now)) as TodayUsage;
  return { requests: row.requests, errors: row.errors, costUsd: row.costUsd, tokens: row.tokens };
}

function hubSettings(hub: StatsHub): { timezone?: string; currencySymbol?: string } {
  try {
    return hub.context.settings?.() ?? {};
  } catch {
    return {};
  }
}

export function readTrayStats(hub: StatsHub, opts: ReadStatsOptions): TrayStats {
  const settings = hubSettings(hub);
  const timeZone =
    settings.timezone && isTimeZone(settings.timezone)
      ? settings.timezone
      : isTimeZone(hub.context.config.timezone)
        ? hub.context.config.timezone
        : 'UTC';
  const breakerState = opts.breakerState ?? (() => 'closed' as const);
  return {
    ...readTodayUsage(hub.context.database.sqlite, timeZone, opts.now),
    inFlight: hub.relay.inFlight(),
    providers: hub.internals.registry.providers().map((p) => ({
      id: p.id,
      name: p.name,
      enabled: p.enabled,
      breaker: breakerState(p.id),
    })),
    currencySymbol: settings.currencySymbol || '$',
    timeZone,
  };
}
