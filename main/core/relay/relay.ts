// The relay pipeline: route → authenticate → parse → guard → select → forward (with failover) → account.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { priceRequest } from '../billing/price-request';
import type { PriceTable } from '../billing/price-table';
import type { Clock } from '../clock';
import { prependField, spliceModel } from '../formats/request';
import type { WireFormat } from '../formats/types';
import type { Governance } from '../governance';
import { hashKey, newRequestId } from '../ids';
import type { LiveSession } from '../limits/concurrency';
import { admit } from '../limits/guard';
import { DecisionChain, type DecisionStep } from '../routing/decision-chain';
import { effectiveGroups } from '../routing/groups';
import { redirectModel } from '../routing/model-rules';
import type { KeyEntry, ProviderRuntime, RoutingRegistry } from '../routing/registry';
import {
  type CandidateFilter,
  eligibleProviders,
  pickProvider,
  type Random,
  type SelectionInput,
} from '../routing/select';
import { extractSessionId } from '../routing/session-id';
import { rememberSuccess, stickyProvider } from '../routing/sticky-sessions';
import { userAllowsModel } from '../routing/user-models';
import type { RequestLog } from '../store/request-log';
import type { RequestRecord } from '../store/request-record';
import { type AttemptOutcome, type AttemptRequest, attemptProvider, type Delivered } from './attempt';
import { Lockout, RELAY_LOCKOUT } from './auth-lockout';
import { ClientConnection } from './client-connection';
import { readCredential } from './credentials';
import { type Endpoint, matchEndpoint, matchGemini, splitUrl, stripKeyParam } from './endpoints';
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
  /** Quota windows, sessions, breakers and the selection filters they add. */
  governance: Governance;
  /** Settings: bill the redirected model instead of the requested one. */
  billRedirectedModel?: () => boolean;
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
  const { governance } = deps;
  const filters = [cooldownFilter, ...governance.filters()];
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
    const gemini = endpoint.format === 'gemini' ? matchGemini(path) : undefined;
    const parsed = parseBody(
      bodyResult.body,
      gemini && { model: gemini.model, stream: gemini.endpoint.name === 'stream_generate_content' },
    );
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

    // guards: the user's model allowlist, then RPM, concurrency and spend (count_tokens and compact skip quotas)
    let session: LiveSession | undefined;
    if (endpoint.billable) {
      if (entry.userAllowedModels.length > 0 && !userAllowsModel(entry.userAllowedModels, parsed.model)) {
        const message = `model ${parsed.model} is not allowed for this user`;
        await deps.log.append(blockedRecord(base, 403, 'model_not_allowed', message, chain));
        sendHubError(res, format, 403, 'model_not_allowed', message, requestId);
        return;
      }
      const admission = admit({ entry, sessionId, now: startedAt }, governance.limitState);
      if (!admission.ok) {
        const r = admission.refusal;
        await deps.log.append(blockedRecord(base, r.status, r.code, r.message, chain));
        sendHubError(res, format, r.status, r.code, r.message, requestId, { ...r.headers });
        return;
      }
      session = admission.session;
      const live = session;
      res.once('close', () => governance.sessions.end(live, clock.now()));
    }

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
    await route(attemptReq, endpoint, parsed, chain, base, entry, session);
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
    entry: KeyEntry,
    session: LiveSession | undefined,
  ): Promise<void> {
    const tried = new Set<string>();
    const selection: SelectionInput = {
      format: a.format,
      model: parsed.model,
      exclude: tried,
      caller: { groups: effectiveGroups(entry), session },
    };
    let last: Extract<AttemptOutcome, { kind: 'failed' }> | undefined;
    let first = true;
    for (;;) {
      const candidates = eligibleProviders(registry.providers(), selection, filters, chain);
      let provider: ProviderRuntime | undefined;
      if (first) {
        chain.add({ kind: 'candidates', reason: candidates.map((p) => p.name).join(', ') || 'none' });
        first = false;
        provider = stickyProvider(session, candidates, chain);
      }
      provider ??= pickProvider(candidates, deps.random);
      if (!provider) break;
      tried.add(provider.id);
      if (session) governance.sessions.attach(session, provider.id);
      const upstreamModel = redirectModel(provider.modelRedirects, parsed.model);
      const attemptReq = upstreamModel ? withModel(a, upstreamModel) : a;
      const sentModel = upstreamModel ?? parsed.model;
      let outcome: AttemptOutcome | undefined;
      for (let attempt = 1; attempt <= Math.max(1, provider.attempts); attempt++) {
        const t0 = clock.now();
        const p = provider;
        const finalize = (d: Delivered) => {
          chain.add({
            kind: 'attempt',
            providerId: p.id,
            providerName: p.name,
            attempt,
            status: d.status,
            errorClass: d.errorClass ?? undefined,
            reason: upstreamModel ? `sent as model ${upstreamModel}` : undefined,
            latencyMs: clock.now() - t0,
          });
          chain.add({
            kind: 'result',
            providerId: p.id,
            providerName: p.name,
            status: d.status,
            reason: d.errorClass ? 'failed after the answer began' : 'success',
          });
          return deps.log.append(deliveredRecord(base, endpoint, p, sentModel, d));
        };
        outcome = await attemptProvider(attemptReq, provider, registry, finalize);
        if (outcome.kind !== 'failed') break;
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
      if (outcome?.kind === 'delivered') {
        afterDelivery(endpoint, provider, session, outcome.delivered);
        return;
      }
      if (outcome?.kind === 'client_gone') {
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
      // The provider used up its attempts (or refused with 429/404): one failure for its breaker.
      if (endpoint.billable && outcome?.kind === 'failed' && outcome.errorClass !== 'rate_limited') {
        governance.breakers.recordFailure(provider, { network: outcome.network }, clock.now());
      }
    }
    // nothing (left) to try
    const status = last ? 502 : 503;
    const code = last ? 'upstream_failed' : 'no_provider';
    const message = last
      ? `every provider failed; last error: ${last.errorClass} (${last.message})`
      : noProviderMessage(a.format, parsed.model, chain.steps);
    chain.add({ kind: 'result', status, reason: message });
    await deps.log.append(failureRecord(base, status, last?.errorClass ?? 'no_provider', message, null));
    sendHubError(a.res, a.format, status, code, message, a.requestId);
  }

  /** Success binds the session and heals the breaker; a failure after the answer began counts against the provider. */
  function afterDelivery(
    endpoint: Endpoint,
    provider: ProviderRuntime,
    session: LiveSession | undefined,
    d: Delivered,
  ): void {
    if (!endpoint.billable || !d.upstreamAnswered) return;
    const now = clock.now();
    if (d.errorClass === null && d.status < 400) {
      governance.breakers.recordSuccess(provider, now);
      if (session) rememberSuccess(governance.sessions, session, provider, now);
    } else if (d.errorClass !== 'client_closed') {
      governance.breakers.recordFailure(provider, { network: false }, now);
    }
  }

  function deliveredRecord(
    base: Omit<RequestRecord, 'status' | 'durationMs'>,
    endpoint: Endpoint,
    provider: ProviderRuntime,
    sentModel: string,
    d: Delivered,
  ): RequestRecord {
    const billable = endpoint.billable && d.upstreamAnswered;
    const price = billable
      ? priceRequest(
          deps.prices,
          deps.billRedirectedModel?.() ? sentModel : base.model,
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

  function blockedRecord(
    base: Omit<RequestRecord, 'status' | 'durationMs'>,
    status: number,
    code: string,
    message: string,
    chain: DecisionChain,
  ): RequestRecord {
    chain.add({ kind: 'result', status, reason: message });
    return {
      ...base,
      status,
      errorClass: code,
      errorMessage: message,
      blockedBy: code,
      durationMs: clock.now() - base.createdAt,
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

/** The attempt with the redirected model spliced into the original body bytes. */
function withModel(a: AttemptRequest, model: string): AttemptRequest {
  if (a.format === 'gemini') {
    const gemini = matchGemini(a.clientPath);
    return gemini ? { ...a, clientPath: gemini.withModel(model) } : a;
  }
  const body = spliceModel(a.body, model);
  return body ? { ...a, body } : a;
}

/** Why nothing could be chosen, by category — never naming providers (the client may not be an admin). */
function noProviderMessage(format: WireFormat, model: string, steps: readonly DecisionStep[]): string {
  const counts = new Map<string, number>();
  for (const s of steps) {
    if (s.kind !== 'filtered' || !s.reason) continue;
    const category = FILTER_CATEGORIES.find(([re]) => re.test(s.reason as string))?.[1] ?? 'unavailable';
    counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  if (counts.size === 0) return `no provider serves ${format} requests`;
  const parts = [...counts].map(([category, n]) => `${n} ${category}`);
  return `no provider available for model ${model}: ${parts.join(', ')}`;
}

const FILTER_CATEGORIES: [RegExp, string][] = [
  [/circuit open/, 'open-circuited'],
  [/rate-limited/, 'rate-limited by the upstream'],
  [/spend limit|concurrent sessions/, 'over their limits'],
  [/does not serve model/, 'not serving this model'],
  [/outside its schedule/, 'outside their schedule'],
  [/caller's groups/, "outside the caller's groups"],
];

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

/**
 * Parses the JSON body once; returns an error message for the client when it is unusable. Gemini names the model
 * and streaming in the path (`pathModel`, `pathStream`) instead of the body.
 */
function parseBody(body: Buffer, gemini?: { model: string; stream: boolean }): ParsedRequest | string {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (err) {
    return `the request body is not valid JSON: ${(err as Error).message}`;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return 'the request body must be a JSON object';
  const obj = json as Record<string, unknown>;
  if (gemini) return { json: obj, model: gemini.model, stream: gemini.stream };
  if (typeof obj.model !== 'string' || obj.model.length === 0) return 'the request body has no "model"';
  return { json: obj, model: obj.model, stream: obj.stream === true };
}
