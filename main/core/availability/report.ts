// One provider's availability over a range: its rollup buckets, error classes and breaker transitions, as a timeline.
import type {
  Availability,
  AvailabilityBucket,
  AvailabilityBucketSize,
  AvailabilityStatus,
} from '../../../shared/operations-schemas';
import type { BreakerState } from '../routing/breaker';
import type { AvailabilityRepository, BreakerEventsRepository } from '../store/repositories';
import { addHistogram, histogramPercentile } from './latency';

export const BUCKET_MS: Record<AvailabilityBucketSize, number> = {
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '6h': 21_600_000,
  '1d': 86_400_000,
};

export const MAX_BUCKETS = 2000;
/** Classes a client causes: they do not make a provider look unhealthy. */
const CLIENT_CAUSED = new Set(['client_error', 'client_closed']);
const SEVERITY: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

export interface ReportInput {
  providerId: string;
  providerName: string;
  from: number;
  to: number;
  bucket: AvailabilityBucketSize;
  breakerNow: BreakerState;
}

interface Counts {
  requests: number;
  errors: number;
  retried: number;
  errorsByClass: Record<string, number>;
}

/** The range aligned to whole buckets (UTC). */
export function alignedRange(from: number, to: number, size: number): { from: number; to: number; count: number } {
  const start = Math.floor(from / size) * size;
  const end = Math.max(start + size, Math.ceil(to / size) * size);
  return { from: start, to: end, count: (end - start) / size };
}

export function availabilityReport(
  store: { availability: AvailabilityRepository<'sync'>; breakerEvents: BreakerEventsRepository<'sync'> },
  input: ReportInput,
): Availability {
  const size = BUCKET_MS[input.bucket];
  const range = alignedRange(input.from, input.to, size);
  const q = { from: range.from, to: range.to, size };
  const sums = new Map(store.availability.buckets(input.providerId, q).map((b) => [b.start, b]));
  const classes = new Map<number, Record<string, number>>();
  for (const e of store.availability.errors(input.providerId, q)) {
    const byClass = classes.get(e.start) ?? {};
    byClass[e.errorClass] = (byClass[e.errorClass] ?? 0) + e.errors + e.retried;
    classes.set(e.start, byClass);
  }
  const transitions = store.breakerEvents.between(input.providerId, range.from, range.to);
  let state = store.breakerEvents.stateAt(input.providerId, range.from) as BreakerState;
  let next = 0;

  const total = { requests: 0, errors: 0, retried: 0, errorsByClass: {} as Record<string, number> };
  const totalTtfb: number[] = [];
  const totalLatency: number[] = [];
  let ttfbCount = 0;
  const buckets: AvailabilityBucket[] = [];
  for (let start = range.from; start < range.to; start += size) {
    let worst = state;
    while (next < transitions.length && (transitions[next]?.at ?? Infinity) < start + size) {
      state = (transitions[next] as { to: BreakerState }).to;
      if (SEVERITY[state] > SEVERITY[worst]) worst = state;
      next++;
    }
    const s = sums.get(start);
    const counts: Counts = {
      requests: s?.requests ?? 0,
      errors: s?.errors ?? 0,
      retried: s?.retried ?? 0,
      errorsByClass: classes.get(start) ?? {},
    };
    total.requests += counts.requests;
    total.errors += counts.errors;
    total.retried += counts.retried;
    for (const [c, n] of Object.entries(counts.errorsByClass))
      total.errorsByClass[c] = (total.errorsByClass[c] ?? 0) + n;
    if (s) {
      addHistogram(totalTtfb, s.ttfbLt);
      addHistogram(totalLatency, s.totalLt);
      ttfbCount += s.ttfbCount;
    }
    buckets.push({
      start: new Date(start).toISOString(),
      status: bucketStatus(counts, worst),
      breaker: worst,
      ...countFields(counts),
      ttfbP50Ms: s ? histogramPercentile(s.ttfbLt, s.ttfbCount, 0.5) : null,
      ttfbP95Ms: s ? histogramPercentile(s.ttfbLt, s.ttfbCount, 0.95) : null,
      latencyP50Ms: s ? histogramPercentile(s.totalLt, s.requests, 0.5) : null,
      latencyP95Ms: s ? histogramPercentile(s.totalLt, s.requests, 0.95) : null,
    });
  }
  const attempts = total.requests + total.retried;
  return {
    providerId: input.providerId,
    providerName: input.providerName,
    from: new Date(range.from).toISOString(),
    to: new Date(range.to).toISOString(),
    bucket: input.bucket,
    breakerNow: input.breakerNow,
    totals: {
      ...countFields(total),
      ttfbP50Ms: histogramPercentile(totalTtfb, ttfbCount, 0.5),
      ttfbP95Ms: histogramPercentile(totalTtfb, ttfbCount, 0.95),
      latencyP50Ms: histogramPercentile(totalLatency, total.requests, 0.5),
      latencyP95Ms: histogramPercentile(totalLatency, total.requests, 0.95),
      availability: attempts > 0 ? 1 - faults(total) / attempts : null,
    },
    buckets,
    transitions: transitions.map((t) => ({
      at: new Date(t.at).toISOString(),
      from: t.from,
      to: t.to,
      reason: t.reason,
      failures: t.failures,
    })),
  };
}

function countFields(c: Counts) {
  const attempts = c.requests + c.retried;
  return {
    requests: c.requests,
    errors: c.errors,
    retried: c.retried,
    errorRate: attempts > 0 ? (c.errors + c.retried) / attempts : 0,
    errorsByClass: c.errorsByClass,
  };
}

/** Failed attempts the provider is answerable for (a client's bad request or departure is not its fault). */
function faults(c: Counts): number {
  let n = 0;
  for (const [cls, k] of Object.entries(c.errorsByClass)) if (!CLIENT_CAUSED.has(cls)) n += k;
  return n;
}

/** down: open breaker or ≥ 50 % of attempts failed; degraded: half-open or ≥ 5 %; no_data without attempts. */
export function bucketStatus(c: Counts, breaker: BreakerState): AvailabilityStatus {
  if (breaker === 'open') return 'down';
  const attempts = c.requests + c.retried;
  if (attempts === 0) return breaker === 'half-open' ? 'degraded' : 'no_data';
  const rate = faults(c) / attempts;
  if (rate >= 0.5) return 'down';
  if (rate >= 0.05 || breaker === 'half-open') return 'degraded';
  return 'ok';
}
