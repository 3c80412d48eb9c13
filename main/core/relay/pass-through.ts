// The rest of OpenAI's /v1/* (files, images, audio, moderations, batches…) as an authenticated pass-through to a
// provider of an OpenAI format: the hub key checked, the request quotas (RPM, concurrent sessions, a spend window
// already used up) applied, the body streamed up and the answer streamed back untouched (multipart and binary
// alike), one log row each — priced when a JSON answer carries usage and a model the price table knows.
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { Clock } from '../clock';
import type { Endpoint } from '../formats';
import { RequestFields } from '../formats/common/request-fields';
import type { Governance } from '../governance';
import { admit } from '../limits/guard';
import type { ProviderRuntime } from '../model/entities';
import { DecisionChain } from '../routing/decision-chain';
import { effectiveGroups } from '../routing/groups';
import type { RoutingRegistry } from '../routing/registry';
import { type CandidateFilter, eligibleProviders, pickProvider, type Random } from '../routing/select';
import { extractSessionId } from '../routing/session-id';
import type { RequestLog } from '../store/request-log';
import type { Exchange } from './exchange';
import { journalRefusal } from './journal-gate';
import { readPassThroughUsage } from './pass-through-usage';
import { answerRefusal, type RefusalRecorder } from './refusal';
import { deliveredRecord, failureRecord, type PricingContext } from './request-records';
import { classifyNetworkError } from './upstream-error';
import { downstreamHeaders, upstreamHeaders } from './upstream-headers';
import { joinUpstreamUrl } from './upstream-url';

/** The first bytes of a JSON answer kept to read its usage (answers carrying usage are small). */
const USAGE_SCAN_BYTES = 1024 * 1024;
/** The formats whose providers serve OpenAI's other endpoints. */
const OPENAI_FORMATS = ['openai-chat', 'openai-responses'] as const;
const NO_FIELDS = new RequestFields(Buffer.alloc(0), []);

/** Paths another wire format owns (Anthropic's messages, Gemini's model actions) are never passed through. */
export function isPassThroughPath(path: string): boolean {
  if (!path.startsWith('/v1/') || path.startsWith('/v1/messages')) return false;
  return !/^\/v1\/models\/[^/]+:/.test(path);
}

export interface PassThroughDeps {
  clock: Clock;
  registry: RoutingRegistry;
  governance: Governance;
  log: RequestLog;
  filters: readonly CandidateFilter[];
  pricing: PricingContext;
  recordRefusal: RefusalRecorder;
  random?: Random;
}

export async function passThrough(ex: Exchange, deps: PassThroughDeps): Promise<void> {
  const refused = journalRefusal(deps.log.health);
  if (refused) return answerRefusal(ex, refused, deps.recordRefusal);
  const { req, res, clock, entry } = ex;
  const endpoint = passThroughEndpoint(ex.path);
  ex.endpoint = endpoint;
  ex.sessionId = extractSessionId(req.headers, NO_FIELDS, entry.keyId);
  ex.chain = new DecisionChain(ex.startedAt, () => clock.now());
  ex.base = {
    id: ex.requestId,
    createdAt: ex.startedAt,
    userId: entry.userId,
    keyId: entry.keyId,
    format: 'openai-chat',
    endpoint: endpoint.name,
    model: '',
    stream: false,
    sessionId: ex.sessionId,
    userAgent: header(req.headers, 'user-agent') ?? null,
    clientIp: ex.clientIp,
    transport: 'http',
    decisionChain: ex.chain.steps,
  };
  // Request quotas: no model, so no spend estimate — a spend window already used up still refuses.
  const admission = admit({ entry, sessionId: ex.sessionId, now: ex.startedAt }, deps.governance.limitState);
  if (!admission.ok) {
    const r = admission.refusal;
    const refusal = { status: r.status, code: r.code, message: r.message, headers: { ...r.headers } };
    return answerRefusal(ex, { ...refusal, row: 'blocked' }, deps.recordRefusal);
  }
  const session = admission.session;
  res.once('close', () => {
    deps.governance.sessions.end(session, clock.now());
    admission.reservation.release();
  });
  const caller = { groups: effectiveGroups(entry), session, spend: undefined };
  const candidates = OPENAI_FORMATS.flatMap((format) =>
    eligibleProviders(
      deps.registry.providers(),
      { format, model: undefined, exclude: ex.tried, caller },
      deps.filters,
      ex,
    ),
  );
  ex.note({ kind: 'candidates', reason: candidates.map((p) => p.name).join(', ') || 'none' });
  const provider = pickProvider(candidates, deps.random);
  if (!provider) {
    const message = 'no enabled OpenAI-format provider is available to pass this request to';
    return answerRefusal(
      ex,
      { status: 503, code: 'no_provider', message, row: 'failed', errorClass: 'no_provider' },
      deps.recordRefusal,
    );
  }
  ex.provider = provider;
  deps.governance.sessions.attach(session, provider.id);
  await relay(ex, provider, deps);
}

/** One endpoint name per top-level resource (`passthrough_files`, `passthrough_audio`…): few distinct values. */
function passThroughEndpoint(path: string): Endpoint {
  const resource = (path.split('/')[2] ?? '')
    .replace(/[^a-z0-9_]/gi, '_')
    .slice(0, 40)
    .toLowerCase();
  return { format: 'openai-chat', name: `passthrough_${resource || 'root'}`, method: 'POST', billable: true };
}

async function relay(ex: Exchange, provider: ProviderRuntime, deps: PassThroughDeps): Promise<void> {
  const { req, res, clock } = ex;
  const { origin, path } = joinUpstreamUrl(provider.baseUrl, ex.path, ex.query);
  const headers = upstreamHeaders(req.headers, provider, 0, ex.clientIp);
  // The body goes up as it came: its own length or chunking, its own encoding.
  const length = header(req.headers, 'content-length');
  if (length === undefined) delete headers['content-length'];
  else headers['content-length'] = length;
  const encoding = header(req.headers, 'content-encoding');
  if (encoding !== undefined) headers['content-encoding'] = encoding;
  const hasBody = length !== undefined ? length !== '0' : header(req.headers, 'transfer-encoding') !== undefined;
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  ex.attemptStartedAt = clock.now();
  const t = provider.timeouts;
  let answer: Dispatcher.ResponseData;
  try {
    answer = await deps.registry.dispatcher(provider, origin).request({
      origin,
      path,
      method: (req.method ?? 'GET') as Dispatcher.HttpMethod,
      headers,
      body: hasBody ? req : null,
      headersTimeout: t.totalMs,
      bodyTimeout: t.idleMs,
      signal: abort.signal,
    });
  } catch (err) {
    if (abort.signal.aborted) return void (await record(ex, provider, deps, 499, null, 'client_closed'));
    const errorClass = classifyNetworkError(err);
    const message = `the provider could not be reached (${errorClass})`;
    return answerRefusal(
      ex,
      { status: 502, code: 'upstream_failed', message, row: 'failed', errorClass },
      deps.recordRefusal,
    );
  }
  const ttfbMs = clock.now() - ex.startedAt;
  const json = String(answer.headers['content-type'] ?? '').includes('json');
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let held: Buffer | undefined;
  res.writeHead(answer.statusCode, downstreamHeaders(answer.headers, ex.requestId));
  res.on('drain', () => answer.body.resume());
  answer.body.on('data', (chunk: Buffer) => {
    if (json && keptBytes < USAGE_SCAN_BYTES) {
      kept.push(chunk);
      keptBytes += chunk.length;
    }
    // One chunk is held back: the last bytes leave only once the row is journaled.
    if (held && !res.write(held)) answer.body.pause();
    held = chunk;
  });
  answer.body.once('error', (err) => {
    // The client left (the abort), or the provider's answer was cut: either way the client's answer ends here.
    const failed = abort.signal.aborted ? 'client_closed' : classifyNetworkError(err);
    void record(ex, provider, deps, abort.signal.aborted ? 499 : answer.statusCode, ttfbMs, failed);
    res.destroy();
  });
  answer.body.once('end', async () => {
    const usage = json && keptBytes <= USAGE_SCAN_BYTES ? readPassThroughUsage(Buffer.concat(kept)) : undefined;
    await record(ex, provider, deps, answer.statusCode, ttfbMs, null, usage);
    res.end(held);
  });
}

async function record(
  ex: Exchange,
  provider: ProviderRuntime,
  deps: PassThroughDeps,
  status: number,
  ttfbMs: number | null,
  failed: string | null,
  usage?: ReturnType<typeof readPassThroughUsage>,
): Promise<boolean> {
  const now = deps.clock.now();
  ex.note({
    kind: 'result',
    providerId: provider.id,
    providerName: provider.name,
    status,
    reason: failed ?? 'passed through',
  });
  if (failed !== null) {
    const message = failed === 'client_closed' ? 'the client closed the connection' : `the answer was cut (${failed})`;
    return deps.log.append(failureRecord(ex.base, status, failed, message, provider.id, now));
  }
  if (usage?.model) ex.base.model = usage.model;
  const errorClass = status >= 500 ? 'upstream_5xx' : status >= 400 ? 'client_error' : null;
  const delivered = {
    status,
    usage: usage?.usage ?? NO_USAGE,
    ttfbMs,
    errorClass,
    errorMessage: null,
    upstreamModel: usage?.model,
    // Priced only with usage to price: an answer without it is logged unpriced.
    upstreamAnswered: usage !== undefined && status < 400,
  } as const;
  return deps.log.append(
    deliveredRecord(ex.base, ex.endpoint as Endpoint, provider, usage?.model ?? '', delivered, deps.pricing, now),
  );
}

const NO_USAGE = { inputTokens: 0, outputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0 };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
