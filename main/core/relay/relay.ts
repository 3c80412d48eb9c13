// The relay: each request is one exchange through the stages route → authenticate → parse → guard → select →
// forward → account; a stage's refusal is answered in one place (refusal.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PriceTable } from '../billing/price-table';
import type { BodyStore } from '../capture/body-store';
import type { TrustedProxies } from '../client-address';
import type { Clock } from '../clock';
import { DEFAULT_FORMAT, formatsListedAs, listingSpecFor } from '../formats';
import type { Governance } from '../governance';
import { newRequestId } from '../ids';
import type { BodyBudget } from '../limits/body-budget';
import type { ProviderRuntime } from '../model/entities';
import { noProviderMessage } from '../routing/no-provider-message';
import type { RoutingRegistry } from '../routing/registry';
import { eligibleProviders, type Random } from '../routing/select';
import type { RequestLog } from '../store/request-log';
import { Accounting } from './account';
import { answerAccountRefusal } from './account-refusal';
import { RelayAuthenticator } from './authenticate';
import { Exchange } from './exchange';
import { FailoverPlan, PROVIDER_EXHAUSTED } from './failover-plan';
import { type ForwardContext, forward, prepareForward } from './forward';
import { guard } from './guard';
import { ModelCatalog } from './model-list';
import { parse } from './parse';
import { answerRefusal, type Refusal, sendRefusal } from './refusal';
import { answerProbe, route } from './route';
import { type SelectDeps, select } from './select';

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
    filters: plan.filters,
    sessions: governance.sessions,
    random: deps.random,
  };
  const forwardContext: ForwardContext = { registry, settlement: accounting, plan };
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
    const startedAt = clock.now();
    const ex = new Exchange(req, res, clock, startedAt, newRequestId(startedAt));
    serve(ex).catch((err: unknown) => {
      if (!res.headersSent) sendRefusal(res, DEFAULT_FORMAT, 'unknown', INTERNAL_ERROR);
      else res.destroy(err instanceof Error ? err : undefined);
    });
  };

  async function serve(ex: Exchange): Promise<void> {
    if (ex.req.method === 'HEAD') return answerProbe(ex);
    let refusal = route(ex, deps.trustedProxies) ?? authenticator.authenticate(ex);
    if (refusal?.row === 'blocked') return answerAccountRefusal(ex, refusal, parseDeps, accounting.recordRefusal);
    if (refusal) return answerRefusal(ex, refusal, accounting.recordRefusal);
    if (ex.endpoint === undefined) return listModels(ex);
    refusal = (await parse(ex, parseDeps)) ?? guard(ex, deps);
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
      providers.push(...eligibleProviders(registry.providers(), selection, plan.filters, undefined));
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
  const message = `every provider failed; last error: ${last.errorClass} (${last.message})`;
  return { status: 502, code: 'upstream_failed', message, row: 'failed', errorClass: last.errorClass };
}
