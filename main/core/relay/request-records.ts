// Builds the log record of a relayed request: the common base, then delivered, blocked or failed outcomes.
import { priceRequest } from '../billing/price-request';
import type { PriceTable } from '../billing/price-table';
import { type Endpoint, emptyUsage, type Usage } from '../formats';
import type { ProviderRuntime } from '../model/entities';
import type { RequestRecord } from '../store/request-record';
import type { BaseRecord } from './base-record';
import type { Exchange } from './exchange';
import type { Delivered } from './outcomes';

/** The base of the exchange's log record, once parsed (the decision chain is shared: later steps land in it). */
export function baseRecord(ex: Exchange): BaseRecord {
  const ua = ex.req.headers['user-agent'];
  return {
    id: ex.requestId,
    createdAt: ex.startedAt,
    userId: ex.entry.userId,
    keyId: ex.entry.keyId,
    format: ex.format,
    endpoint: (ex.endpoint as Endpoint).name,
    model: ex.parsed.model,
    stream: ex.parsed.stream,
    sessionId: ex.sessionId,
    userAgent: (Array.isArray(ua) ? ua[0] : ua) ?? null,
    clientIp: ex.clientIp,
    transport: ex.transport,
    decisionChain: ex.chain.steps,
  };
}

/** How a request ended: what the base record lacks. */
interface Outcome {
  providerId: string | null;
  upstreamModel: string | null;
  status: number;
  errorClass: string | null;
  errorMessage: string | null;
  blockedBy: string | null;
  ttfbMs: number | null;
  usage: Usage;
  costUsd: number | null;
  cacheSavingsUsd: number;
  billed: boolean;
  translatedFrom: string | null;
}

/**
 * The one place a RequestRecord is assembled. Written out field by field on purpose: an object spread followed by
 * overrides costs V8 ~5 µs for a record this wide, a literal ~0.1 µs (measured in the relay's profile).
 */
function completeRecord(b: BaseRecord, o: Outcome, now: number): RequestRecord {
  return {
    id: b.id,
    createdAt: b.createdAt,
    userId: b.userId,
    keyId: b.keyId,
    providerId: o.providerId,
    format: b.format,
    endpoint: b.endpoint,
    model: b.model,
    upstreamModel: o.upstreamModel,
    stream: b.stream,
    status: o.status,
    errorClass: o.errorClass,
    errorMessage: o.errorMessage,
    blockedBy: o.blockedBy,
    transport: b.transport,
    ttfbMs: o.ttfbMs,
    durationMs: now - b.createdAt,
    inputTokens: o.usage.inputTokens,
    outputTokens: o.usage.outputTokens,
    cacheWrite5mTokens: o.usage.cacheWrite5mTokens,
    cacheWrite1hTokens: o.usage.cacheWrite1hTokens,
    cacheReadTokens: o.usage.cacheReadTokens,
    costUsd: o.costUsd,
    cacheSavingsUsd: o.cacheSavingsUsd,
    billed: o.billed,
    translatedFrom: o.translatedFrom,
    sessionId: b.sessionId,
    userAgent: b.userAgent,
    clientIp: b.clientIp,
    decisionChain: b.decisionChain,
  };
}

const NO_USAGE: Usage = emptyUsage();

export interface PricingContext {
  prices: PriceTable;
  /** Settings: bill the redirected model instead of the requested one. */
  billRedirectedModel?: () => boolean;
}

/** The upstream answered (or a committed stream failed): usage, cost when billable, the provider that answered. */
export function deliveredRecord(
  base: BaseRecord,
  endpoint: Endpoint,
  provider: ProviderRuntime,
  sentModel: string,
  d: Delivered,
  pricing: PricingContext,
  now: number,
): RequestRecord {
  const billable = endpoint.billable && d.upstreamAnswered;
  const translated = provider.type !== base.format;
  const price = billable
    ? priceRequest(
        pricing.prices,
        // A translated request names another vendor's model: the provider bills the one it was sent.
        translated || pricing.billRedirectedModel?.() ? sentModel : base.model,
        d.usage,
        provider.costMultiplier,
      )
    : { costUsd: null, cacheSavingsUsd: 0 };
  return completeRecord(
    base,
    {
      providerId: provider.id,
      upstreamModel: sentModel,
      status: d.status,
      errorClass: d.errorClass,
      errorMessage: d.errorMessage,
      blockedBy: null,
      ttfbMs: d.ttfbMs,
      usage: d.usage,
      costUsd: price.costUsd,
      cacheSavingsUsd: price.cacheSavingsUsd,
      billed: billable,
      translatedFrom: translated ? base.format : null,
    },
    now,
  );
}

/** Refused before any provider was tried (account state, model allowlist, quota, rules): logged as blocked. */
export function blockedRecord(
  base: BaseRecord,
  status: number,
  code: string,
  message: string,
  now: number,
  blockedBy: string = code,
): RequestRecord {
  return unansweredRecord(base, status, code, message, null, blockedBy, now);
}

/** Answered by the hub itself (Claude Code's warmup): a 200 no upstream was asked for, logged as blocked, unbilled. */
export function hubAnsweredRecord(base: BaseRecord, blockedBy: string, now: number): RequestRecord {
  return unansweredRecord(base, 200, null, null, null, blockedBy, now);
}

/** No answer reached the client from an upstream: every provider failed, none was left, or the client left. */
export function failureRecord(
  base: BaseRecord,
  status: number,
  errorClass: string,
  message: string,
  providerId: string | null,
  now: number,
): RequestRecord {
  return unansweredRecord(base, status, errorClass, message, providerId, null, now);
}

/** A request no upstream answered: no usage, no cost, not billed. */
function unansweredRecord(
  base: BaseRecord,
  status: number,
  errorClass: string | null,
  message: string | null,
  providerId: string | null,
  blockedBy: string | null,
  now: number,
): RequestRecord {
  return completeRecord(
    base,
    {
      providerId,
      upstreamModel: base.model,
      status,
      errorClass,
      errorMessage: message,
      blockedBy,
      ttfbMs: null,
      usage: NO_USAGE,
      costUsd: null,
      cacheSavingsUsd: 0,
      billed: false,
      translatedFrom: null,
    },
    now,
  );
}
