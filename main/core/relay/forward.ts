// Forward stage: the chosen provider tried up to its attempts within its time budget, each failure noted and
// reported to the failover plan; the answer itself is relayed by the attempt (attempt.ts).
import { ResponseCapture } from '../capture/response-capture';
import { attemptProvider } from './attempt';
import type { AnswerContext } from './attempt-outcome';
import { providerDeadline } from './attempt-timers';
import { ClientConnection } from './client-connection';
import type { Exchange } from './exchange';
import type { FailoverPlan } from './failover-plan';
import { answerLocally } from './local-answer';
import type { AttemptOutcome } from './outcomes';

export interface ForwardContext extends AnswerContext {
  plan: FailoverPlan;
}

/** Body capture's settings as the relay reads them per request. */
export interface CaptureSettings {
  enabled: boolean;
  keepMessageText: boolean;
  /** The answer's bytes kept (as it came; the stored rendering is capped at the same size). */
  maxBytes: number;
}

/** Before the first provider: watch the client, and keep the answer's first bytes when capture is on. */
export function prepareForward(ex: Exchange, capture: CaptureSettings | undefined): void {
  ex.client = new ClientConnection(ex.res);
  if (capture?.enabled) ex.capture = new ResponseCapture(capture.maxBytes);
  ex.keepMessageText = capture?.keepMessageText ?? false;
}

/**
 * What the provider ended in: an answer, the client gone, or its last failure (the plan then gives it up). A reactive
 * fix's one more try uses none of the provider's attempts.
 */
export async function forward(ex: Exchange, cx: ForwardContext): Promise<AttemptOutcome> {
  const { clock, provider } = ex;
  const local = ex.translation?.localAnswer;
  if (local) {
    ex.attempt = 1;
    ex.attemptStartedAt = clock.now();
    return answerLocally(ex, cx, local);
  }
  const deadline = providerDeadline(clock, provider.timeouts.totalMs);
  let outcome: AttemptOutcome | undefined;
  let used = 0;
  for (let attempt = 1; used < Math.max(1, provider.attempts); attempt++) {
    if (attempt > 1 && clock.now() >= deadline) break; // the provider's time budget is spent
    ex.attempt = attempt;
    ex.attemptStartedAt = clock.now();
    ex.capture?.reset();
    outcome = await attemptProvider(ex, cx, deadline);
    if (outcome.kind !== 'failed') break;
    ex.lastFailure = outcome;
    const fixed = outcome.retryWith;
    ex.note({
      kind: 'attempt',
      providerId: provider.id,
      providerName: provider.name,
      attempt,
      status: outcome.status,
      errorClass: outcome.errorClass,
      reason: outcome.message,
      latencyMs: clock.now() - ex.attemptStartedAt,
      rule: outcome.rule,
      fix: fixed?.fix,
    });
    cx.plan.report(ex, outcome);
    if (fixed) {
      ex.sendBody = fixed.body;
      continue;
    }
    used++;
    if (outcome.nextProviderNow) break;
  }
  return outcome as AttemptOutcome;
}
