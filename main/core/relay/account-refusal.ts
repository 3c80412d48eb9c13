// A known key refused for its account state (expired, disabled, its user disabled or expired): the request is read
// like any other so its refusal leaves a blocked row naming the model — "why does Bob's key fail?" is in the log.
import type { Exchange } from './exchange';
import { type ParseDeps, parse } from './parse';
import { answerRefusal, type Refusal, type RefusalRecorder } from './refusal';

export async function answerAccountRefusal(
  ex: Exchange,
  refusal: Refusal,
  parseDeps: ParseDeps,
  record: RefusalRecorder,
): Promise<void> {
  const { row: _row, blockedBy: _by, ...withoutRow } = refusal;
  // The model list has no body to log; a body that cannot be read leaves no row either, its headers (connection:
  // close after an oversized body) still apply. Either way the client is told about its key, not its body.
  if (ex.endpoint === undefined) return answerRefusal(ex, withoutRow, record);
  const unreadable = await parse(ex, parseDeps);
  if (unreadable) return answerRefusal(ex, { ...withoutRow, headers: { ...unreadable.headers } }, record);
  return answerRefusal(ex, refusal, record);
}
