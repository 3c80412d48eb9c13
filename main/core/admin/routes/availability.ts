// Admin route for a provider's availability timeline, and the public status page's data (off unless configured).
import { IdParams } from '../../../../shared/api-schemas';
import { Availability, AvailabilityQuery, PublicStatus } from '../../../../shared/operations-schemas';
import { publicStatus } from '../../availability/public-status';
import { alignedRange, availabilityReport, BUCKET_MS, MAX_BUCKETS } from '../../availability/report';
import { ApiError, notFound } from '../errors';
import type { BreakerStateReader } from '../governance';
import { type AdminApi, defineRoute } from '../openapi';

const DAY_MS = 86_400_000;

export function registerAvailabilityRoutes(api: AdminApi, breakerState: BreakerStateReader): void {
  defineRoute(api, {
    method: 'get',
    path: '/providers/{id}/availability',
    auth: 'admin',
    summary: "A provider's availability over time",
    description:
      'From the request log’s five-minute rollups (no probe traffic): requests, failures by error class, retried ' +
      'attempts, first-byte and total latency (p50, p95) per bucket, and the breaker transitions of the range. ' +
      'The range is widened to whole buckets (UTC).',
    params: IdParams,
    query: AvailabilityQuery,
    responses: { 200: Availability },
    handler: ({ ctx, params, query }) => {
      const provider = ctx.store.providers.get(params.id);
      if (!provider) throw notFound('provider');
      const to = query.to === undefined ? ctx.clock.now() : Date.parse(query.to);
      const from = query.from === undefined ? to - DAY_MS : Date.parse(query.from);
      if (!(from < to)) throw new ApiError(400, 'invalid_field', '"from" must be before "to"', 'from');
      const bucket = query.bucket ?? '1h';
      if (alignedRange(from, to, BUCKET_MS[bucket]).count > MAX_BUCKETS) {
        throw new ApiError(400, 'invalid_field', `more than ${MAX_BUCKETS} buckets: choose a longer bucket`, 'bucket');
      }
      return availabilityReport(ctx.store, {
        providerId: provider.id,
        providerName: provider.name,
        from,
        to,
        bucket,
        breakerNow: breakerState(provider.id).state,
      });
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/status',
    auth: 'public',
    summary: 'The public status page (no credentials)',
    description:
      'Only when settings.statusPage.enabled (else 404): the providers the operator listed, under their display ' +
      'names, with a status per bucket and the share of attempts that succeeded. Nothing else about the hub.',
    responses: { 200: PublicStatus },
    handler: ({ ctx }) => {
      const settings = ctx.settings().statusPage;
      if (!settings.enabled) throw notFound('status page');
      const exists = (id: string) => ctx.store.providers.get(id) !== undefined;
      return publicStatus(
        ctx.store,
        settings,
        (id) => (exists(id) ? breakerState(id).state : undefined),
        ctx.clock.now(),
      );
    },
  });
}
