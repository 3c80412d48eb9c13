// Builds the log record of a relayed request: the common base, then delivered, blocked or failed outcomes.
import type { IncomingMessage } from 'node:http';
import { priceRequest } from '../billing/price-request';
import type { PriceTable } from '../billing/price-table';
import type { WireFormat } from '../formats/types';
import type { DecisionChain } from '../routing/decision-chain';
import type { KeyEntry, ProviderRuntime } from '../routing/registry';
import type { RequestRecord } from '../store/request-record';
import type { Delivered } from './attempt';
import type { Endpoint } from './endpoints';
import type { ParsedRequest } from './parse-body';
import type { ErrorClass } from './upstream-error';

/** Everything known about a request before its outcome. */
export type BaseRecord = Omit<RequestRecord, 'status' | 'durationMs'>;

export interface BaseRecordInput {
  requestId: string;
  startedAt: number;
  entry: KeyEntry;
  format: WireFormat;
  endpoint: Endpoint;
  parsed: ParsedRequest;
  sessionId: string;
  req: IncomingMessage;
  clientIp: string | undefined;
  chain: DecisionChain;
}

export function baseRecord(i: BaseRecordInput): BaseRecord {
  const ua = i.req.headers['user-agent'];
  return {
    id: i.requestId,
    createdAt: i.startedAt,
    userId: i.entry.userId,
    keyId: i.entry.keyId,
    providerId: null,
    format: i.format,
    endpoint: i.endpoint.name,
    model: i.parsed.model,
    upstreamModel: i.parsed.model,
    stream: i.parsed.stream,
    errorClass: null,
    errorMessage: null,
    blockedBy: null,
    ttfbMs: null,
    inputTokens: 0,
    outputTokens: 0,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    cacheReadTokens: 0,
    costUsd: null,
    cacheSavingsUsd: 0,
    billed: false,
    sessionId: i.sessionId,
    userAgent: (Array.isArray(ua) ? ua[0] : ua) ?? null,
    clientIp: i.clientIp ?? null,
    decisionChain: i.chain.steps,
  };
}

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
  const price = billable
    ? priceRequest(
        pricing.prices,
        pricing.billRedirectedModel?.() ? sentModel : base.model,
        d.usage,
        provider.costMultiplier,
      )
    : { costUsd: null, cacheSavingsUsd: 0 };
  return {
    ...base,
    providerId: provider.id,
    upstreamModel: sentModel,
    status: d.status,
    errorClass: d.errorClass,
    errorMessage: d.errorMessage,
    ttfbMs: d.ttfbMs,
    durationMs: now - base.createdAt,
    inputTokens: d.usage.inputTokens,
    outputTokens: d.usage.outputTokens,
    cacheWrite5mTokens: d.usage.cacheWrite5mTokens,
    cacheWrite1hTokens: d.usage.cacheWrite1hTokens,
    cacheReadTokens: d.usage.cacheReadTokens,
    costUsd: price.costUsd,
    cacheSavingsUsd: price.cacheSavingsUsd,
    billed: billable,
  };
}

/** Refused by a guard (model allowlist, quota): logged as blocked, with the refusal as the chain's result. */
export function blockedRecord(
  base: BaseRecord,
  status: number,
  code: string,
  message: string,
  chain: DecisionChain,
  now: number,
): RequestRecord {
  chain.add({ kind: 'result', status, reason: message });
  return {
    ...base,
    status,
    errorClass: code,
    errorMessage: message,
    blockedBy: code,
    durationMs: now - base.createdAt,
  };
}

/** No answer reached the client from an upstream: every provider failed, none was left, or the client left. */
export function failureRecord(
  base: BaseRecord,
  status: number,
  errorClass: ErrorClass | 'no_provider',
  message: string,
  providerId: string | null,
  now: number,
): RequestRecord {
  return { ...base, providerId, status, errorClass, errorMessage: message, durationMs: now - base.createdAt };
}
