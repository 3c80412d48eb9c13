// The public status page's data: only the providers the operator listed, under their display names, nothing else.
import type { AvailabilityBucketSize, PublicStatus } from '../../../shared/operations-schemas';
import type { StatusPageSettings } from '../../../shared/operations-settings';
import type { BreakerState } from '../routing/breaker';
import type { AvailabilityRepository, BreakerEventsRepository } from '../store/repositories';
import { availabilityReport } from './report';

const BUCKETS: Record<StatusPageSettings['bucketMinutes'], AvailabilityBucketSize> = {
  5: '5m',
  15: '15m',
  30: '30m',
  60: '1h',
};

/**
 * Providers that no longer exist are left out. A provider's status is its breaker's when open, else that of its
 * latest bucket with traffic.
 */
export function publicStatus(
  store: { availability: AvailabilityRepository<'sync'>; breakerEvents: BreakerEventsRepository<'sync'> },
  settings: StatusPageSettings,
  breakerNow: (providerId: string) => BreakerState | undefined,
  now: number,
): PublicStatus {
  const providers: PublicStatus['providers'] = [];
  // The window ends with the bucket now in progress: windowHours × 60 / bucketMinutes buckets.
  const size = settings.bucketMinutes * 60_000;
  const to = Math.ceil((now + 1) / size) * size;
  for (const shown of settings.providers) {
    const breaker = breakerNow(shown.providerId);
    if (breaker === undefined) continue;
    const report = availabilityReport(store, {
      providerId: shown.providerId,
      providerName: shown.displayName,
      from: to - settings.windowHours * 3_600_000,
      to,
      bucket: BUCKETS[settings.bucketMinutes],
      breakerNow: breaker,
    });
    const latest = report.buckets.findLast((b) => b.status !== 'no_data');
    providers.push({
      name: shown.displayName,
      status: breaker === 'open' ? 'down' : (latest?.status ?? 'no_data'),
      availability: report.totals.availability,
      ...(settings.showLatency ? { ttfbP50Ms: report.totals.ttfbP50Ms } : {}),
      buckets: report.buckets.map((b) => ({ start: b.start, status: b.status })),
    });
  }
  return {
    title: settings.title,
    generatedAt: new Date(now).toISOString(),
    windowHours: settings.windowHours,
    bucketMinutes: settings.bucketMinutes,
    providers,
  };
}
