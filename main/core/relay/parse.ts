// Parse stage: admitted only while the journal is writable; the body read once (capped, counted against the body
// budget) and its JSON checked once; the model, stream flag and session id; the request's log base and decision chain.
import { prependField } from '../formats/common/request';
import type { BodyBudget } from '../limits/body-budget';
import { DecisionChain } from '../routing/decision-chain';
import { extractSessionId } from '../routing/session-id';
import type { JournalHealth } from '../store/journal-health';
import type { Exchange } from './exchange';
import { journalRefusal } from './journal-gate';
import { parseBody } from './parse-body';
import type { Refusal } from './refusal';
import { readRequestBody } from './request-body';
import { baseRecord } from './request-records';

export interface ParseDeps {
  journal: JournalHealth;
  bodyBudget: BodyBudget;
  maxBodyBytes: number;
}

/** Anthropic's own overload status: Claude Code and the SDKs retry it; OpenAI and Gemini clients retry a 503. */
const OVERLOADED_ANTHROPIC = 529;
const OVERLOADED_RETRY_AFTER = { 'retry-after': '2' };
const CLOSE = { connection: 'close' };

export async function parse(ex: Exchange, deps: ParseDeps): Promise<Refusal | undefined> {
  const refused = journalRefusal(deps.journal);
  if (refused) return refused;
  const { req, res, spec } = ex;
  // Its bytes count against the body budget until the request ends (a failover resends them until the answer
  // commits, and the request's own references hold them until then anyway).
  ex.bodyTaken = true;
  const lease = deps.bodyBudget.lease();
  res.once('close', lease.release);
  const read = await readRequestBody(req, deps.maxBodyBytes, lease);
  if (!read.ok) {
    if (read.status === 'overloaded') {
      // The rest of the body is drained, not held: the connection stays usable and the client reads the refusal.
      const status = ex.format === 'anthropic' ? OVERLOADED_ANTHROPIC : 503;
      return { status, code: read.code, message: read.message, headers: OVERLOADED_RETRY_AFTER };
    }
    return { status: read.status, code: read.code, message: read.message, headers: CLOSE };
  }
  const named = spec.modelIn === 'path' ? spec.route?.(ex.path) : undefined;
  const parsed = parseBody(read.body, named && { model: named.model, stream: named.endpoint.streams === true });
  if (typeof parsed === 'string') return { status: 400, code: 'invalid_request', message: parsed };

  let body = read.body;
  const usageMember = spec.streamUsageMember;
  if (usageMember && parsed.stream && !parsed.fields.has(usageMember.key)) {
    body = prependField(body, usageMember.key, usageMember.valueJson) ?? body;
  }
  ex.body = body;
  ex.receivedBytes = read.body.length;
  ex.parsed = parsed;
  ex.stream = parsed.stream;
  const entry = ex.entry;
  ex.sessionId = extractSessionId(req.headers, parsed.fields, entry.keyId);
  const { clock, startedAt } = ex;
  ex.chain = new DecisionChain(startedAt, () => clock.now());
  ex.base = baseRecord(ex);
  return undefined;
}
