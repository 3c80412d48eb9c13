// The relay: each request is one exchange through the stages route → authenticate → parse → guard → select →
// forward → account; a stage's refusal is answered in one place (refusal.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PriceTable } from '../billing/price-table';
import type { BodyStore } from '../capture/body-store';
import type { TrustedProxies } from '../client-address';
import type { Clock } from '../clock';
import type { ContentRuleBook } from '../content-rules/rule-book';
import { ErrorRuleBook } from '../error-rules/rule-book';
import { DEFAULT_FORMAT, formatsListedAs, listingSpecFor } from '../formats';
import type { Governance } from '../governance';
import { newRequestId } from '../ids';
import type { BodyBudget } from '../limits/body-budget';
import type { ProviderRuntime } from '../model/entities';
import { noProviderMessage } from '../routing/no-provider-message';
import type { RoutingRegistry } from '../routing/registry';
import type { CandidateFilter } from '../routing/select';
import { eligibleProviders, type Random } from '../routing/select';
import type { RequestLog } from '../store/request-log';
import { translationFilterReason } from '../translate/codecs';
import { Accounting } from './account';
import { answerAccountRefusal } from './account-refusal';
import { RelayAuthenticator } from './authenticate';
import { Exchange } from './exchange';
import { FailoverPlan, PROVIDER_EXHAUSTED } from './failover-plan';
import type { FixSwitches } from './fixes';
import { type CaptureSettings, type ForwardContext, forward, prepareForward } from './forward';
import { guard } from './guard';
import { ModelCatalog } from './model-list';
import { parse } from './parse';
import { isPassThroughPath, type PassThroughDeps, passThrough } from './pass-through';
import { answerRefusal, type Refusal, sendRefusal } from './refusal';
import { answerProbe, route } from './route';
import { type SelectDeps, select } from './select';
import type { UpstreamSockets } from './upstream-sockets';
import { answerWarmup, isClaudeCodeWarmup } from './warmup';

/** Keeps a provider of another format only for a pair and endpoint that translate. */
const translationFilter: CandidateFilter = (p, input) => translationFilterReason(input.format, p.type, input.endpoint);

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
  captureBodies?: () => CaptureSettings;
  /** Where captured bodies go (written off the hot path). */
  bodies?: BodyStore;
  /** Content rules (sensitive phrases) checked in the guard stage. */
  contentRules?: ContentRuleBook;
  /** What an upstream error status means (the error rules in force, and their counters); built-ins only when absent. */
  errorRules?: ErrorRuleBook;
  /** Settings: which reactive fixes are on. */
  fixes?: () => FixSwitches;
  /** Settings: the hub answers Claude Code's Warmup request itself. */
  answerWarmup?: () => boolean;
  /** Settings: pass the rest of /v1/* through to OpenAI-format providers (off: 404). */
  openAiPassThrough?: () => boolean;
}

/** One turn on a Responses WebSocket, relayed as a request of its own. */
export interface TurnOptions {
  /** The provider that holds the response this turn continues (`previous_response_id`): the turn goes there only. */
  pinnedProvider?: string;
  /** The client connection's WebSocket connections to providers that serve one. */
  upstreamSockets?: UpstreamSockets;
}

export interface Relay {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /**
   * Relays one WebSocket turn (`req`/`res` stand for the turn's message and its answer) through the same stages as an
   * HTTP request; resolves with the provider that answered, once the turn is over.
   */
  handleTurn(req: IncomingMessage, res: ServerResponse, turn: TurnOptions): Promise<{ providerId?: string }>;
  /**
   * Checks a WebSocket upgrade to `path` (route and authenticate, as the request it will carry); a refusal is answered
   * on `res` (a response bound to the upgrade's socket) and returned true.
   */
  refuseUpgrade(req: IncomingMessage, res: ServerResponse): boolean;
  /** Requests in flight now. */
  inFlight(): number;
  /** Resolves when no request is in flight. */
  drained(): Promise<void>;
}

const INTERNAL_ERROR: Refusal = { status: 500, code: 'internal_error', message: 'the hub failed unexpectedly' };

export function createRelay(deps: RelayDeps): Relay {
  const { clock, registry, governance } = deps;
  const authenticator = new RelayAuthenticator(clock, registry);
  const plan = new FailoverPlan(clock, governance);
  const accounting = new Accounting(deps.log, clock, deps, deps.bodies);
  const catalog = new ModelCatalog(registry, deps.prices, clock);
  const parseDeps = { journal: deps.log.health, bodyBudget: deps.bodyBudget, maxBodyBytes: deps.maxBodyBytes };
  const selectDeps: SelectDeps = {
    registry,
    filters: [translationFilter, ...plan.filters],
    sessions: governance.sessions,
    random: deps.random,
    maxOutputTokens: (model) => {
      const max = deps.prices.lookup(model)?.data.max_output_tokens;
      return typeof max === 'number' && max > 0 ? max : undefined;
    },
  };
  const rules = deps.errorRules ?? new ErrorRuleBook(() => []);
  const forwardContext: ForwardContext = {
    registry,
    settlement: accounting,
    plan,
    errorRules: rules,
    fixes: deps.fixes,
    counters: rules.counters,
  };
  const passThroughDeps: PassThroughDeps = {
    clock,
    registry,
    governance,
    log: deps.log,
    filters: plan.filters,
    pricing: deps,
    recordRefusal: accounting.recordRefusal,
    random: deps.random,
  };
  let inFlight = 0;
  let drainWaiters: (() => void)[] = [];

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    void begin(req, res, undefined);
  };

  /** Counts the exchange in flight until its response closes, and serves it. */
  const begin = (req: IncomingMessage, res: ServerResponse, turn: TurnOptions | undefined): Promise<Exchange> => {
    inFlight++;
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) {
        for (const w of drainWaiters) w();
        drainWaiters = [];
      }
    });
    const startedAt = clock.now();
    const ex = new Exchange(req, res, clock, startedAt, newRequestId(startedAt));
    if (turn) {
      ex.transport = 'websocket';
      ex.pinnedProvider = turn.pinnedProvider;
      ex.upstreamSockets = turn.upstreamSockets;
    }
    return serve(ex).then(
      () => ex,
      (err: unknown) => {
        if (!res.headersSent) sendRefusal(res, DEFAULT_FORMAT, 'unknown', INTERNAL_ERROR);
        else res.destroy(err instanceof Error ? err : undefined);
        return ex;
      },
    );
  };

  const handleTurn = async (req: IncomingMessage, res: ServerResponse, turn: TurnOptions) => {
    const ex = await begin(req, res, turn);
    return { providerId: ex.delivered ? ex.provider.id : undefined };
  };

  const refuseUpgrade = (req: IncomingMessage, res: ServerResponse): boolean => {
    const startedAt = clock.now();
    const ex = new Exchange(req, res, clock, startedAt, newRequestId(startedAt));
    ex.bodyTaken = true; // an upgrade has no body to drain
    const refusal = route(ex, deps.trustedProxies, 'POST') ?? authenticator.authenticate(ex);
    if (!refusal) return false;
    void answerRefusal(ex, refusal, accounting.recordRefusal);
    return true;
  };

  async function serve(ex: Exchange): Promise<void> {
    if (ex.req.method === 'HEAD') return answerProbe(ex);
    let refusal = route(ex, deps.trustedProxies);
    if (refusal?.code === 'unknown_endpoint' && deps.openAiPassThrough?.() && isPassThroughPath(ex.path)) {
      refusal = authenticator.authenticate(ex);
      if (refusal) return answerRefusal(ex, refusal, accounting.recordRefusal);
      return passThrough(ex, passThroughDeps);
    }
    refusal ??= authenticator.authenticate(ex);
    if (refusal?.row === 'blocked') return answerAccountRefusal(ex, refusal, parseDeps, accounting.recordRefusal);
    if (refusal) return answerRefusal(ex, refusal, accounting.recordRefusal);
    if (ex.endpoint === undefined) return listModels(ex);
    refusal = await parse(ex, parseDeps);
    if (!refusal && deps.answerWarmup?.() && isClaudeCodeWarmup(ex)) {
      return answerWarmup(ex, accounting.recordHubAnswer);
    }
    refusal ??= guard(ex, deps);
    if (refusal) return answerRefusal(ex, refusal, accounting.recordRefusal);
    prepareForward(ex, deps.captureBodies?.());
    try {
      refusal = await selectForwardAccount(ex);
      if (refusal) await answerRefusal(ex, refusal, accounting.recordRefusal);
    } finally {
      // Settling journals the row, and journaling charges its cost to the spend windows (governance.charge): the
      // reservation ends after its real cost counts, never before.
      accounting.release(ex);
    }
    accounting.keepBody(ex);
  }

  /** Providers in turn until one answers or the client leaves; the failover plan hears every outcome. */
  async function selectForwardAccount(ex: Exchange): Promise<Refusal | undefined> {
    while (select(ex, selectDeps)) {
      const outcome = await forward(ex, forwardContext);
      if (outcome.kind === 'delivered') {
        ex.delivered = true;
        plan.report(ex, outcome);
        return undefined;
      }
      if (outcome.kind === 'client_gone') {
        await accounting.clientGone(ex, outcome);
        return undefined;
      }
      plan.report(ex, PROVIDER_EXHAUSTED);
    }
    return exhausted(ex);
  }

  async function listModels(ex: Exchange): Promise<void> {
    const listing = listingSpecFor(ex.path, ex.req.headers).models;
    const providers: ProviderRuntime[] = [];
    for (const type of formatsListedAs(listing.shape)) {
      const selection = { format: type, model: undefined, exclude: new Set<string>() };
      providers.push(...eligibleProviders(registry.providers(), selection, [translationFilter], undefined));
    }
    const body = listing.render(await catalog.modelsFor(providers));
    ex.res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': body.length,
      'x-cchub-request-id': ex.requestId,
    });
    ex.res.end(body);
  }

  return {
    handle,
    handleTurn,
    refuseUpgrade,
    inFlight: () => inFlight,
    drained: () => (inFlight === 0 ? Promise.resolve() : new Promise((r) => drainWaiters.push(r))),
  };
}

/** Nothing (left) to try: 502 after every provider failed, 503 when none was eligible; logged as failed. */
function exhausted(ex: Exchange): Refusal {
  const last = ex.lastFailure;
  if (!last) {
    const message = noProviderMessage(ex.format, ex.parsed.model, ex.chain.steps);
    return { status: 503, code: 'no_provider', message, row: 'failed', errorClass: 'no_provider' };
  }
  // The rule that decided the last failure may say what the client is told.
  const message = last.clientMessage ?? `every provider failed; last error: ${last.errorClass} (${last.message})`;
  const status = last.clientStatus ?? 502;
  return { status, code: 'upstream_failed', message, row: 'failed', errorClass: last.errorClass };
}
