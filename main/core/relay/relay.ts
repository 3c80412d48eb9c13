// The relay pipeline: route → authenticate → parse → guard → select → forward (with failover) → account.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PriceTable } from '../billing/price-table';
import { BODY_CAPTURE_BYTES, type BodyStore } from '../capture/body-store';
import { ResponseCapture } from '../capture/response-capture';
import { clientAddress, type TrustedProxies } from '../client-address';
import type { Clock } from '../clock';
import {
  DEFAULT_FORMAT,
  type Endpoint,
  formatOfPath,
  formatsListedAs,
  isModelListPath,
  listingSpecFor,
  matchEndpoint,
  WIRE_FORMATS,
  type WireFormat,
} from '../formats';
import { prependField, spliceModel } from '../formats/common/request';
import type { Governance } from '../governance';
import { newRequestId } from '../ids';
import type { BodyBudget } from '../limits/body-budget';
import { admit } from '../limits/guard';
import { SpendEstimate } from '../limits/spend-estimate';
import type { SpendReservation } from '../limits/spend-reservations';
import { hasSpendLimit } from '../limits/spend-windows';
import { DecisionChain } from '../routing/decision-chain';
import { effectiveGroups } from '../routing/groups';
import { redirectModel } from '../routing/model-rules';
import { noProviderMessage } from '../routing/no-provider-message';
import { ProviderCooldowns } from '../routing/provider-cooldowns';
import type { KeyEntry, ProviderRuntime, RoutingRegistry } from '../routing/registry';
import { eligibleProviders, pickProvider, type Random, type SelectionInput } from '../routing/select';
import { extractSessionId } from '../routing/session-id';
import { userAllowsModel } from '../routing/user-models';
import type { LiveSession } from '../sessions/session-table';
import { rememberSuccess, stickyProvider } from '../sessions/sticky';
import type { RequestLog } from '../store/request-log';
import {
  type AttemptOutcome,
  type AttemptRequest,
  attemptProvider,
  type Delivered,
  unrecordedDelivery,
} from './attempt';
import { providerDeadline } from './attempt-timers';
import { RelayAuthenticator } from './authenticate';
import { ClientConnection } from './client-connection';
import { sendHubError } from './hub-error';
import { journalAdmits } from './journal-gate';
import { ModelCatalog } from './model-list';
import { type ParsedRequest, parseBody } from './parse-body';
import { readRequestBody } from './request-body';
import { type BaseRecord, baseRecord, blockedRecord, deliveredRecord, failureRecord } from './request-records';
import { splitUrl, stripKeyParam } from './request-url';
import { callerKey } from './upstream-text';

export interface RelayDeps {
  clock: Clock;
  registry: RoutingRegistry;
  prices: PriceTable;
  log: RequestLog;
  maxBodyBytes: number;
  /** Peers whose X-Forwarded-For names the client (for the lockout, the log and a forwarded client address). */
  trustedProxies: TrustedProxies;
  /** The hub-wide budget of request-body bytes in memory; a body over it is refused as an overload. */
  bodyBudget: BodyBudget;
  random?: Random;
  /** Quota windows, sessions, breakers and the selection filters they add. */
  governance: Governance;
  /** Settings: bill the redirected model instead of the requested one. */
  billRedirectedModel?: () => boolean;
  /** Settings: capture request/response bodies, and whether message text is kept in them. */
  captureBodies?: () => { enabled: boolean; keepMessageText: boolean };
  /** Where captured bodies go (written off the hot path). */
  bodies?: BodyStore;
}

export interface Relay {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Requests in flight now. */
  inFlight(): number;
  /** Resolves when no request is in flight. */
  drained(): Promise<void>;
}

export function createRelay(deps: RelayDeps): Relay {
  const { clock, registry } = deps;
  const authenticator = new RelayAuthenticator(clock, registry);
  const cooldowns = new ProviderCooldowns(clock);
  const { governance } = deps;
  const filters = [cooldowns.filter, ...governance.filters()];
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
        sendHubError(res, DEFAULT_FORMAT, 500, 'internal_error', 'the hub failed unexpectedly', 'unknown');
      } else {
        res.destroy(err instanceof Error ? err : undefined);
      }
    });
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAt = clock.now();
    const requestId = newRequestId(startedAt);
    const { path, query: rawQuery } = splitUrl(req.url ?? '/');
    if (req.method === 'HEAD') {
      // Claude Code probes its base URL without a key and must get an answer at once.
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-cchub-request-id': requestId });
      res.end();
      return;
    }
    const endpoint = matchEndpoint(path);
    const isModelList = req.method === 'GET' && isModelListPath(path);
    const format: WireFormat = endpoint?.format ?? formatOfPath(path);
    if (!endpoint && !isModelList) {
      req.resume();
      sendHubError(res, format, 404, 'unknown_endpoint', `no relay endpoint at ${req.method} ${path}`, requestId);
      return;
    }
    if (endpoint && req.method !== endpoint.method) {
      req.resume();
      const only = endpoint.method;
      sendHubError(res, format, 405, 'method_not_allowed', `${path} accepts ${only} only`, requestId, { allow: only });
      return;
    }
    const { query, key: queryKey } = stripKeyParam(rawQuery);
    const clientIp = clientAddress(req, deps.trustedProxies);
    const entry = authenticator.authenticate(req, res, format, requestId, queryKey, clientIp, startedAt);
    if (!entry) return;
    if (isModelList || !endpoint) {
      await listModels(req, res, path, requestId);
      return;
    }
    if (!journalAdmits(deps.log.health, req, res, format, requestId)) return;

    // read and parse the body once; its bytes count against the body budget until the request ends (a failover
    // resends them until the answer commits, and the request's own references hold them until then anyway)
    const lease = deps.bodyBudget.lease();
    res.once('close', lease.release);
    const bodyResult = await readRequestBody(req, deps.maxBodyBytes, lease);
    if (!bodyResult.ok) {
      if (bodyResult.status === 'overloaded') {
        const status = format === 'anthropic' ? OVERLOADED_ANTHROPIC : 503;
        // The rest of the body is drained, not held: the connection stays usable and the client reads the refusal.
        sendHubError(res, format, status, bodyResult.code, bodyResult.message, requestId, {
          'retry-after': String(OVERLOADED_RETRY_AFTER_SECONDS),
        });
        return;
      }
      sendHubError(res, format, bodyResult.status, bodyResult.code, bodyResult.message, requestId, {
        connection: 'close',
      });
      return;
    }
    const spec = WIRE_FORMATS[format];
    const named = spec.modelIn === 'path' ? spec.route?.(path) : undefined;
    const parsed = parseBody(bodyResult.body, named && { model: named.model, stream: named.endpoint.streams === true });
    if (typeof parsed === 'string') {
      sendHubError(res, format, 400, 'invalid_request', parsed, requestId);
      return;
    }

    let body = bodyResult.body;
    const usageMember = spec.streamUsageMember;
    if (usageMember && parsed.stream && !parsed.fields.has(usageMember.key)) {
      body = prependField(body, usageMember.key, usageMember.valueJson) ?? body;
    }
    const chain = new DecisionChain(startedAt, () => clock.now());
    const sessionId = extractSessionId(req.headers, parsed.fields, entry.keyId);
    const base = baseRecord({
      requestId,
      startedAt,
      entry,
      format,
      endpoint,
      parsed,
      sessionId,
      req,
      clientIp,
      chain,
    });

    // guards: the user's model allowlist, then RPM, concurrency and spend (count_tokens and compact skip quotas)
    let session: LiveSession | undefined;
    let reservation: SpendReservation | undefined;
    let spend: Spend | undefined;
    if (endpoint.billable) {
      if (entry.userAllowedModels.length > 0 && !userAllowsModel(entry.userAllowedModels, parsed.model)) {
        const message = `model ${parsed.model} is not allowed for this user`;
        await deps.log.append(blockedRecord(base, 403, 'model_not_allowed', message, chain, clock.now()));
        sendHubError(res, format, 403, 'model_not_allowed', message, requestId);
        return;
      }
      const estimate = new SpendEstimate(
        format,
        parsed.fields,
        bodyResult.body.length,
        parsed.model,
        deps.prices,
        deps.billRedirectedModel?.() ?? false,
      );
      // The provider is chosen after the guard: the key and user windows admit by the dearest provider's estimate,
      // and the reservation shrinks to the chosen one's in `route` — in this same tick, so nothing runs in between.
      const admission = admit(
        { entry, sessionId, now: startedAt, estimate: () => estimate.worst(registry.providers()) },
        governance.limitState,
      );
      if (!admission.ok) {
        const r = admission.refusal;
        await deps.log.append(blockedRecord(base, r.status, r.code, r.message, chain, clock.now()));
        sendHubError(res, format, r.status, r.code, r.message, requestId, { ...r.headers });
        return;
      }
      session = admission.session;
      reservation = admission.reservation;
      spend = {
        estimate,
        reservation,
        clientLimited: hasSpendLimit(entry.keyLimits) || hasSpendLimit(entry.userLimits),
      };
      const live = session;
      res.once('close', () => governance.sessions.end(live, clock.now()));
    }

    const capturing = deps.captureBodies?.();
    const attemptReq: AttemptRequest = {
      req,
      res,
      format,
      spec,
      body,
      clientPath: path,
      query,
      queryKey,
      stream: parsed.stream,
      clientIp,
      requestId,
      client: new ClientConnection(res),
      capture: capturing?.enabled ? new ResponseCapture(BODY_CAPTURE_BYTES) : undefined,
      clock,
      startedAt,
    };
    try {
      await route(attemptReq, endpoint, parsed, chain, base, entry, session, spend);
    } finally {
      // `route` returns once the request's log row is journaled, and journaling charges its cost to the spend
      // windows (governance.charge): the reservation ends after its real cost counts, never before.
      reservation?.release();
    }
    if (attemptReq.capture && deps.bodies) {
      deps.bodies.add(
        {
          requestId,
          requestBody: parsed.fields.body,
          response: attemptReq.capture.bytes(),
          responseTruncated: attemptReq.capture.truncated,
          keepMessageText: capturing?.keepMessageText ?? false,
          hubKey: callerKey(attemptReq),
        },
        clock.now(),
      );
    }
  }

  async function listModels(req: IncomingMessage, res: ServerResponse, path: string, requestId: string): Promise<void> {
    const listing = listingSpecFor(path, req.headers).models;
    const providers: ProviderRuntime[] = [];
    for (const type of formatsListedAs(listing.shape)) {
      const selection = { format: type, model: undefined, exclude: new Set<string>() };
      providers.push(...eligibleProviders(registry.providers(), selection, filters, undefined));
    }
    const body = listing.render(await catalog.modelsFor(providers));
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
    base: BaseRecord,
    entry: KeyEntry,
    session: LiveSession | undefined,
    spend: Spend | undefined,
  ): Promise<void> {
    const tried = new Set<string>();
    const selection: SelectionInput = {
      format: a.format,
      model: parsed.model,
      exclude: tried,
      caller: { groups: effectiveGroups(entry), session, spend: spend?.estimate },
    };
    let last: Extract<AttemptOutcome, { kind: 'failed' }> | undefined;
    let first = true;
    for (;;) {
      const candidates = eligibleProviders(registry.providers(), selection, filters, chain);
      let provider: ProviderRuntime | undefined;
      if (first) {
        chain.note({ kind: 'candidates', reason: candidates.map((p) => p.name).join(', ') || 'none' });
        first = false;
        provider = stickyProvider(session, candidates, chain);
      }
      provider ??= pickProvider(candidates, deps.random);
      if (!provider) break;
      tried.add(provider.id);
      if (session) governance.sessions.attach(session, provider.id);
      if (spend) {
        const { estimate, reservation, clientLimited } = spend;
        reservation.retarget(
          provider.id,
          clientLimited || hasSpendLimit(provider.limits) ? estimate.forProvider(provider) : 0,
        );
      }
      const upstreamModel = redirectModel(provider.modelRedirects, parsed.model);
      const attemptReq = upstreamModel ? withModel(a, upstreamModel) : a;
      const sentModel = upstreamModel ?? parsed.model;
      let outcome: AttemptOutcome | undefined;
      const deadline = providerDeadline(clock, provider.timeouts.totalMs);
      for (let attempt = 1; attempt <= Math.max(1, provider.attempts); attempt++) {
        if (attempt > 1 && clock.now() >= deadline) break; // the provider's time budget is spent
        const t0 = clock.now();
        const p = provider;
        const finalize = (d: Delivered, unrecordedStatus?: number) => {
          chain.note({
            kind: 'attempt',
            providerId: p.id,
            providerName: p.name,
            attempt,
            status: d.status,
            errorClass: d.errorClass ?? undefined,
            reason: upstreamModel ? `sent as model ${upstreamModel}` : undefined,
            latencyMs: clock.now() - t0,
          });
          chain.note({
            kind: 'result',
            providerId: p.id,
            providerName: p.name,
            status: d.status,
            reason: d.errorClass ? 'failed after the answer began' : 'success',
          });
          const end = clock.now();
          return deps.log.append(
            deliveredRecord(base, endpoint, p, sentModel, d, deps, end),
            unrecordedStatus === undefined
              ? undefined
              : () => deliveredRecord(base, endpoint, p, sentModel, unrecordedDelivery(d, unrecordedStatus), deps, end),
          );
        };
        attemptReq.capture?.reset();
        outcome = await attemptProvider(attemptReq, provider, registry, finalize, deadline);
        if (outcome.kind !== 'failed') break;
        last = outcome;
        chain.note({
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
          cooldowns.bench(provider.id, outcome.retryAfterMs ?? 0);
        }
        if (outcome.nextProviderNow) break;
      }
      if (outcome?.kind === 'delivered') {
        afterDelivery(endpoint, provider, session, outcome.delivered);
        return;
      }
      if (outcome?.kind === 'client_gone') {
        chain.note({
          kind: 'result',
          providerId: provider.id,
          providerName: provider.name,
          status: 499,
          reason: 'client closed the connection',
        });
        if (!outcome.recorded) {
          await deps.log.append(
            failureRecord(base, 499, 'client_closed', 'the client closed the connection', provider.id, clock.now()),
          );
        }
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
    chain.note({ kind: 'result', status, reason: message });
    await deps.log.append(failureRecord(base, status, last?.errorClass ?? 'no_provider', message, null, clock.now()));
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

  return {
    handle,
    inFlight: () => inFlight,
    drained: () => (inFlight === 0 ? Promise.resolve() : new Promise((r) => drainWaiters.push(r))),
  };
}

/** A billable request's spend estimate and the reservation it holds while in flight. */
interface Spend {
  estimate: SpendEstimate;
  reservation: SpendReservation;
  /** A spend window of the key or its user applies (else only a provider's own windows need the estimate). */
  clientLimited: boolean;
}

/** The attempt with the redirected model spliced into the original body bytes. */
function withModel(a: AttemptRequest, model: string): AttemptRequest {
  if (a.spec.modelIn === 'path') {
    const named = a.spec.route?.(a.clientPath);
    return named ? { ...a, clientPath: named.withModel(model) } : a;
  }
  const body = spliceModel(a.body, model);
  return body ? { ...a, body } : a;
}

/** Anthropic's own overload status: Claude Code and the SDKs retry it; OpenAI and Gemini clients retry a 503. */
const OVERLOADED_ANTHROPIC = 529;
const OVERLOADED_RETRY_AFTER_SECONDS = 2;
