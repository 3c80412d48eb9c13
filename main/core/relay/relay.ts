// The relay pipeline: route → authenticate → parse → guard → select → forward (with failover) → account.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { priceRequest } from '../billing/price-request';
import type { PriceTable } from '../billing/price-table';
import type { Clock } from '../clock';
import { prependField } from '../formats/request';
import type { WireFormat } from '../formats/types';
import { hashKey, newRequestId } from '../ids';
import { DecisionChain } from '../routing/decision-chain';
import type { KeyEntry, ProviderRuntime, RoutingRegistry } from '../routing/registry';
import { type CandidateFilter, eligibleProviders, pickProvider, type Random } from '../routing/select';
import { extractSessionId } from '../routing/session-id';
import type { RequestLog } from '../store/request-log';
import type { RequestRecord } from '../store/request-record';
import { type AttemptOutcome, type AttemptRequest, attemptProvider, type Delivered } from './attempt';
import { Lockout, RELAY_LOCKOUT } from './auth-lockout';
import { readCredential } from './credentials';
import { type Endpoint, matchEndpoint, splitUrl, stripKeyParam } from './endpoints';
import { ClientConnection } from './client-connection';
import { sendHubError } from './hub-error';
import { listShapeFor, ModelCatalog, renderModelList, TYPES_FOR_SHAPE } from './model-list';
import { readRequestBody } from './request-body';
import type { ErrorClass } from './upstream-error';

export interface RelayDeps {
  clock: Clock;
  registry: RoutingRegistry;
  prices: PriceTable;
  log: RequestLog;
  maxBodyBytes: number;
  random?: Random;
  /** Extra candidate filters (groups, model rules, breakers, limits…) added by governance. */
  filters?: CandidateFilter[];
  /** Told about every attempt's result (the circuit breaker listens). */
  onAttempt?(provider: ProviderRuntime, outcome: AttemptOutcome, billable: boolean): void;
}

export interface Relay {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Requests in flight now. */
  inFlight(): number;
  /** Resolves when no request is in flight. */
  drained(): Promise<void>;
}

/** Parsed request fields the pipeline needs; the body itself is forwarded as received. */
interface ParsedRequest {
  json: Record<string, unknown>;
  model: string;
  stream: boolean;
}

export function createRelay(deps: RelayDeps): Relay {
  const { clock, registry } = deps;
  const lockout = new Lockout(clock, RELAY_LOCKOUT);
  const cooldowns = new Map<string, number>();
  const cooldownFilter: CandidateFilter = (p) => {
    const until = cooldowns.get(p.id);
    if (until === undefined) return null;
    if (until <= clock.now()) {
      cooldowns.delete(p.id);
      return null;
    }
    return `rate-limited by the provider for ${Math.ceil((until - clock.now()) / 1000)} s more`;
  };
  const filters = [cooldownFilter, ...(deps.filters ?? [])];
  const catalog = new ModelCatalog(registry, deps.prices, clock);
  let inFlight = 0;
  let drainWaiters: (() => void)[] = [];

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    inFlight++;
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) {
        for (const w of drainWaiters) w();
        drainWaiters = [];
      }
    });
    serve(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        sendHubError(res, 'openai-chat', 500, 'internal_error', 'the hub failed unexpectedly', 'unknown');
      } else {
        res.destroy(err instanceof Error ? err : undefined);
      }
    });
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAt = clock.now();
    const requestId = newRequestId(startedAt);
    const { path, query: rawQuery } = splitUrl(req.url ?? '/');
    if (req.method === 'HEAD' || (req.method === 'GET' && path === '/')) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-cchub-request-id': requestId });
      res.end(req.method === 'HEAD' ? undefined : 'cchub');
      return;
    }
    const endpoint = matchEndpoint(path);
    const isModelList = req.method === 'GET' && MODEL_LIST_PATHS.has(path);
    const format: WireFormat = endpoint?.format ?? (path.startsWith('/v1beta/') ? 'gemini' : 'openai-chat');
    if (!endpoint && !isModelList) {
      req.resume();
      sendHubError(res, format, 404, 'unknown_endpoint', `no relay endpoint at ${req.method} ${path}`, requestId);
      return;
    }
    if (endpoint && req.method !== 'POST') {
      req.resume();
      sendHubError(res, format, 405, 'method_not_allowed', `${path} accepts POST only`, requestId, { allow: 'POST' });
      return;
    }
    const { query, key: queryKey } = stripKeyParam(rawQuery);
    const clientIp = req.socket.remoteAddress;
    const entry = authenticate(req, res, format, requestId, queryKey, clientIp ?? 'unknown', startedAt);
    if (!entry) return;
    if (isModelList || !endpoint) {
      await listModels(req, res, path, requestId);
      return;
    }

    // read and parse the body once
    const bodyResult = await readRequestBody(req, deps.maxBodyBytes);
    if (!bodyResult.ok) {
      sendHubError(res, format, bodyResult.status, bodyResult.code, bodyResult.message, requestId, {
        connection: 'close',
      });
      return;
    }
    const parsed = parseBody(bodyResult.body);
    if (typeof parsed === 'string') {
      sendHubError(res, format, 400, 'invalid_request', parsed, requestId);
      return;
    }

    let body = bodyResult.body;
    if (format === 'openai-chat' && parsed.stream && parsed.json.stream_options === undefined) {
      // Without it an OpenAI stream carries no usage at all: ask for the final usage chunk (documented in the README).
      body = prependField(body, 'stream_options', '{"include_usage":true}') ?? body;
    }
    const chain = new DecisionChain(startedAt, () => clock.now());
    const sessionId = extractSessionId(req.headers, parsed.json, entry.keyId);
    const base: Omit<RequestRecord, 'status' | 'durationMs'> = {
      id: requestId,
      createdAt: startedAt,
      userId: entry.userId,
      keyId: entry.keyId,
      providerId: null,
      format,
      endpoint: endpoint.name,
      model: parsed.model,
      upstreamModel: parsed.model,
      stream: parsed.stream,
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
      sessionId,
      userAgent: headerValue(req.headers['user-agent']),
      clientIp: clientIp ?? null,
      decisionChain: chain.steps,
    };

    const attemptReq: AttemptRequest = {
      req,
      res,
      format,
      body,
      clientPath: path,
      query,
      stream: parsed.stream,
      clientIp,
      requestId,
      client: new ClientConnection(res),
      now: () => clock.now(),
      startedAt,
    };
    await route(attemptReq, endpoint, parsed, chain, base);
  }

  /** Resolves the caller's key, or answers the refusal itself and returns undefined. */
  function authenticate(
    req: IncomingMessage,
    res: ServerResponse,
    format: WireFormat,
    requestId: string,
    queryKey: string | undefined,
    ipKey: string,
    now: number,
  ): KeyEntry | undefined {
    const locked = lockout.lockedFor(ipKey);
    if (locked > 0) {
      req.resume();
      const seconds = Math.ceil(locked / 1000);
      sendHubError(
        res,
        format,
        429,
        'auth_locked',
        `too many invalid keys from this address; retry in ${seconds} s`,
        requestId,
        {
          'retry-after': String(seconds),
        },
      );
      return undefined;
    }
    const credential = readCredential(req.headers, queryKey);
    if (!credential.ok) {
      req.resume();
      if (credential.code === 'conflicting_api_keys') lockout.recordFailure(ipKey);
      const message =
        credential.code === 'missing_api_key'
          ? 'no hub key: send it as x-api-key, Authorization: Bearer, x-goog-api-key or ?key='
          : 'several different keys were sent; send one';
      sendHubError(res, format, 401, credential.code, message, requestId);
      return undefined;
    }
    const entry = registry.key(hashKey(credential.key));
    if (!entry) {
      req.resume();
      lockout.recordFailure(ipKey);
      sendHubError(res, format, 401, 'invalid_api_key', 'this hub key is not valid', requestId);
      return undefined;
    }
    const refusal = accountRefusal(entry, now);
    if (refusal) {
      req.resume();
      sendHubError(res, format, 401, refusal.code, refusal.message, requestId);
      return undefined;
    }
    lockout.recordSuccess(ipKey);
    return entry;
  }

  async function listModels(req: IncomingMessage, res: ServerResponse, path: string, requestId: string): Promise<void> {
    const shape = listShapeFor(path, req.headers);
    const providers: ProviderRuntime[] = [];
    for (const type of TYPES_FOR_SHAPE[shape]) {
      const selection = { format: type as WireFormat, model: undefined, exclude: new Set<string>() };
      providers.push(...eligibleProviders(registry.providers(), selection, filters, undefined));
    }
    const body = renderModelList(shape, await catalog.modelsFor(providers));
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': body.length,
      'x-cchub-request-id': requestId,
    });
    res.end(body);
  }

  async function route(
    a: AttemptRequest,
    endpoint: Endpoint,
    parsed: ParsedRequest,
    chain: DecisionChain,
    base: Omit<RequestRecord, 'status' | 'durationMs'>,
  ): Promise<void> {
    const tried = new Set<string>();
    const selection = { format: a.format, model: parsed.model, exclude: tried };
    let last: Extract<AttemptOutcome, { kind: 'failed' }> | undefined;
    let first = true;
    for (;;) {
      const candidates = eligibleProviders(registry.providers(), selection, filters, chain);
      if (first) {
        chain.add({ kind: 'candidates', reason: candidates.map((p) => p.name).join(', ') || 'none' });
        first = false;
      }
      const provider = pickProvider(candidates, deps.random);
      if (!provider) break;
      tried.add(provider.id);
      for (let attempt = 1; attempt <= Math.max(1, provider.attempts); attempt++) {
        const t0 = clock.now();
        const finalize = (d: Delivered) => {
          chain.add({
            kind: 'attempt',
            providerId: provider.id,
            providerName: provider.name,
            attempt,
            status: d.status,
            errorClass: d.errorClass ?? undefined,
            latencyMs: clock.now() - t0,
          });
          chain.add({
            kind: 'result',
            providerId: provider.id,
            providerName: provider.name,
            status: d.status,
            reason: d.errorClass ? 'failed after the answer began' : 'success',
          });
          return deps.log.append(deliveredRecord(base, endpoint, provider, d));
        };
        const outcome = await attemptProvider(a, provider, registry, finalize);
        deps.onAttempt?.(provider, outcome, endpoint.billable);
        if (outcome.kind === 'delivered') return;
        if (outcome.kind === 'client_gone') {
          chain.add({
            kind: 'result',
            providerId: provider.id,
            providerName: provider.name,
            status: 499,
            reason: 'client closed the connection',
          });
          await deps.log.append(
            failureRecord(base, 499, 'client_closed', 'the client closed the connection', provider.id),
          );
          return;
        }
        last = outcome;
        chain.add({
          kind: 'attempt',
          providerId: provider.id,
          providerName: provider.name,
          attempt,
          status: outcome.status,
          errorClass: outcome.errorClass,
          reason: outcome.message,
          latencyMs: clock.now() - t0,
        });
        if (outcome.errorClass === 'rate_limited') {
          cooldowns.set(provider.id, clock.now() + (outcome.retryAfterMs ?? 0));
        }
        if (outcome.nextProviderNow) break;
      }
    }
    // nothing (left) to try
    const status = last ? 502 : 503;
    const code = last ? 'upstream_failed' : 'no_provider';
    const message = last
      ? `every provider failed; last error: ${last.errorClass} (${last.message})`
      : `no provider can serve ${a.format} requests for model ${parsed.model}`;
    chain.add({ kind: 'result', status, reason: message });
    await deps.log.append(failureRecord(base, status, last?.errorClass ?? 'no_provider', message, null));
    sendHubError(a.res, a.format, status, code, message, a.requestId);
  }

  function deliveredRecord(
    base: Omit<RequestRecord, 'status' | 'durationMs'>,
    endpoint: Endpoint,
    provider: ProviderRuntime,
    d: Delivered,
  ): RequestRecord {
    const billable = endpoint.billable && d.upstreamAnswered;
    const price = billable
      ? priceRequest(deps.prices, base.model, d.usage, provider.costMultiplier)
      : { costUsd: null, cacheSavingsUsd: 0 };
    return {
      ...base,
      providerId: provider.id,
      upstreamModel: d.upstreamModel ?? base.upstreamModel,
      status: d.status,
      errorClass: d.errorClass,
      errorMessage: d.errorMessage,
      ttfbMs: d.ttfbMs,
      durationMs: clock.now() - base.createdAt,
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

  function failureRecord(
    base: Omit<RequestRecord, 'status' | 'durationMs'>,
    status: number,
    errorClass: ErrorClass | 'no_provider',
    message: string,
    providerId: string | null,
  ): RequestRecord {
    return { ...base, providerId, status, errorClass, errorMessage: message, durationMs: clock.now() - base.createdAt };
  }

  return {
    handle,
    inFlight: () => inFlight,
    drained: () => (inFlight === 0 ? Promise.resolve() : new Promise((r) => drainWaiters.push(r))),
  };
}

const MODEL_LIST_PATHS = new Set(['/v1/models', '/v1/models/', '/v1beta/models', '/v1beta/models/']);

function headerValue(v: string | string[] | undefined): string | null {
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

/** The key's and user's account state: disabled or expired (the rotated-out key after its grace period too). */
function accountRefusal(e: KeyEntry, now: number): { code: string; message: string } | null {
  if (!e.keyEnabled) return { code: 'key_disabled', message: 'this hub key is disabled' };
  if (e.keyExpiresAt !== null && e.keyExpiresAt <= now)
    return { code: 'key_expired', message: 'this hub key has expired' };
  if (e.retiresAt !== null && e.retiresAt <= now)
    return { code: 'key_expired', message: 'this hub key was rotated and has retired' };
  if (!e.userEnabled) return { code: 'user_disabled', message: "this key's user is disabled" };
  if (e.userExpiresAt !== null && e.userExpiresAt <= now)
    return { code: 'user_expired', message: "this key's user has expired" };
  return null;
}

/** Parses the JSON body once; returns an error message for the client when it is unusable. */
function parseBody(body: Buffer): ParsedRequest | string {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (err) {
    return `the request body is not valid JSON: ${(err as Error).message}`;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return 'the request body must be a JSON object';
  const obj = json as Record<string, unknown>;
  if (typeof obj.model !== 'string' || obj.model.length === 0) return 'the request body has no "model"';
  return { json: obj, model: obj.model, stream: obj.stream === true };
}
