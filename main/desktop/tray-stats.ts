// The tray's numbers, read in-process from a running hub: today's rollups, requests in flight, provider health.
import type { UsageRepository } from '../core/store/repositories';
import { firstHourOfToday, isTimeZone } from './today';

export type BreakerState = 'closed' | 'open' | 'half-open';

/** The parts of a running hub the tray reads (a `Hub` satisfies it). */
export interface StatsHub {
  relay: { inFlight(): number };
  internals: { registry: { providers(): readonly { id: string; name: string; enabled: boolean }[] } };
  context: {
    /** The desktop runs the SQLite engine only, so its reads are synchronous. */
    store: { usage: Pick<UsageRepository<'sync'>, 'totalsSince'> };
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
export function readTodayUsage(
  usage: Pick<UsageRepository<'sync'>, 'totalsSince'>,
  timeZone: string,
  now: number,
): TodayUsage {
  return usage.totalsSince(firstHourOfToday(timeZone, now));
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
    ...readTodayUsage(hub.context.store.usage, timeZone, opts.now),
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
