// The admin API contract of provider availability, the public status page and sessions (zod, shared with the console).
import { z } from 'zod';
import { DecisionStep, Id, IsoDateTime, listOf, PageQuery, RequestRecord } from './api-schemas';

// ---------------------------------------------------------------------------------------------------------------
// Provider availability
// ---------------------------------------------------------------------------------------------------------------

export const AvailabilityBucketSize = z.enum(['5m', '15m', '30m', '1h', '6h', '1d']);
export type AvailabilityBucketSize = z.infer<typeof AvailabilityBucketSize>;

export const AvailabilityQuery = z.strictObject({
  from: IsoDateTime.optional().meta({ description: 'inclusive; default 24 hours before `to`' }),
  to: IsoDateTime.optional().meta({ description: 'exclusive; default now' }),
  bucket: AvailabilityBucketSize.optional().meta({ description: 'bucket length, default 1h (at most 2000 buckets)' }),
});
export type AvailabilityQuery = z.infer<typeof AvailabilityQuery>;

export const AvailabilityStatus = z.enum(['ok', 'degraded', 'down', 'no_data']);
export type AvailabilityStatus = z.infer<typeof AvailabilityStatus>;

const latencyFields = {
  ttfbP50Ms: z.number().nullable().meta({ description: 'first byte, median (from a histogram; ±1 bin)' }),
  ttfbP95Ms: z.number().nullable(),
  latencyP50Ms: z.number().nullable().meta({ description: 'whole request, median' }),
  latencyP95Ms: z.number().nullable(),
};

const countFields = {
  requests: z.number().int().meta({ description: 'client requests the provider answered or finally failed' }),
  errors: z.number().int().meta({ description: 'of them, failed (a client that left is not a failure)' }),
  retried: z.number().int().meta({ description: 'failed attempts the client never saw (retried or failed over)' }),
  errorRate: z.number().meta({ description: '(errors + retried) / (requests + retried); 0 without traffic' }),
  errorsByClass: z.record(z.string(), z.number().int()).meta({ description: 'errors + retried per error class' }),
};

export const AvailabilityBucket = z
  .object({
    start: IsoDateTime,
    status: AvailabilityStatus.meta({
      description:
        'down: the breaker was open or half the attempts failed; degraded: 5 % failed or the breaker was half-open',
    }),
    breaker: z.enum(['closed', 'open', 'half-open']).meta({ description: 'the worst breaker state in the bucket' }),
    ...countFields,
    ...latencyFields,
  })
  .meta({ id: 'AvailabilityBucket' });
export type AvailabilityBucket = z.infer<typeof AvailabilityBucket>;

export const BreakerTransitionRecord = z
  .object({
    at: IsoDateTime,
    from: z.string(),
    to: z.string(),
    reason: z.string(),
    failures: z.number().int(),
  })
  .meta({ id: 'BreakerTransitionRecord' });

export const Availability = z
  .object({
    providerId: Id,
    providerName: z.string(),
    from: IsoDateTime,
    to: IsoDateTime,
    bucket: AvailabilityBucketSize,
    breakerNow: z.enum(['closed', 'open', 'half-open']),
    totals: z.object({ ...countFields, ...latencyFields, availability: z.number().nullable() }),
    buckets: z.array(AvailabilityBucket).meta({ description: 'every bucket of the range, oldest first' }),
    transitions: z.array(BreakerTransitionRecord).meta({ description: 'breaker transitions in the range' }),
  })
  .meta({ id: 'Availability' });
export type Availability = z.infer<typeof Availability>;

export const PublicStatus = z
  .object({
    title: z.string(),
    generatedAt: IsoDateTime,
    windowHours: z.number().int(),
    bucketMinutes: z.number().int(),
    providers: z.array(
      z.object({
        name: z.string().meta({ description: 'the display name the operator chose' }),
        status: AvailabilityStatus.meta({ description: 'of the latest bucket with traffic' }),
        availability: z.number().nullable().meta({ description: 'share of attempts in the window that succeeded' }),
        ttfbP50Ms: z.number().nullable().optional(),
        buckets: z.array(z.object({ start: IsoDateTime, status: AvailabilityStatus })),
      }),
    ),
  })
  .meta({ id: 'PublicStatus' });
export type PublicStatus = z.infer<typeof PublicStatus>;

// ---------------------------------------------------------------------------------------------------------------
// Sessions grouped from the request log
// ---------------------------------------------------------------------------------------------------------------

export const SessionSummary = z
  .object({
    sessionId: z.string(),
    userId: z.string().nullable(),
    userName: z.string().nullable(),
    keyId: z.string().nullable(),
    keyName: z.string().nullable(),
    providerId: z.string().nullable().meta({ description: 'the provider of its latest request' }),
    providerName: z.string().nullable(),
    client: z.string().nullable().meta({ description: 'e.g. "claude-code 2.1.3", from the latest User-Agent' }),
    userAgent: z.string().nullable(),
    firstSeenAt: IsoDateTime,
    lastSeenAt: IsoDateTime,
    turns: z.number().int().meta({ description: 'requests in the session' }),
    errors: z.number().int(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    cacheReadTokens: z.number().int(),
    cacheWriteTokens: z.number().int(),
    costUsd: z.number(),
    live: z.boolean().meta({ description: 'in the live session table (seen within the session TTL)' }),
    inFlight: z.number().int(),
  })
  .meta({ id: 'SessionSummary' });
export type SessionSummary = z.infer<typeof SessionSummary>;

export const SessionList = listOf(SessionSummary, 'SessionList');
export type SessionList = z.infer<typeof SessionList>;

export const SessionListQuery = z.strictObject({
  ...PageQuery.shape,
  from: IsoDateTime.optional().meta({ description: 'last seen at or after' }),
  to: IsoDateTime.optional().meta({ description: 'last seen before' }),
  userId: Id.optional(),
  keyId: Id.optional(),
  providerId: Id.optional(),
});
export type SessionListQuery = z.infer<typeof SessionListQuery>;

export const SessionParams = z.strictObject({ sessionId: z.string().min(1).max(500) });

export const SessionTurn = z
  .object({
    ...RequestRecord.omit({ bodies: true }).shape,
    decisionChain: z.array(DecisionStep),
    hasBodies: z.boolean().meta({ description: 'bodies were captured: GET /requests/{id} returns them' }),
  })
  .meta({ id: 'SessionTurn' });
export type SessionTurn = z.infer<typeof SessionTurn>;

export const SessionTurnList = listOf(SessionTurn, 'SessionTurnList');
export type SessionTurnList = z.infer<typeof SessionTurnList>;

export const SessionEndResult = z
  .object({
    ended: z.number().int().meta({ description: 'live sessions ended (one per key that used the id)' }),
    inFlight: z.number().int().meta({ description: 'requests they had in flight, which finish normally' }),
  })
  .meta({ id: 'SessionEndResult' });
export type SessionEndResult = z.infer<typeof SessionEndResult>;
