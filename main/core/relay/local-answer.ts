// A translated request the hub answers itself: a token count whose provider format has no counting endpoint (an
// estimate, labelled so in the `x-cchub-token-count` header and the decision chain), or a body translation cannot read
// (400 in the client's format). Its row is journaled first, unbilled.
import { emptyUsage } from '../formats';
import type { AnswerContext } from './attempt-outcome';
import type { Exchange } from './exchange';
import type { AttemptOutcome, Delivered } from './outcomes';

export async function answerLocally(
  ex: Exchange,
  cx: AnswerContext,
  answer: { status: number; body: Buffer },
): Promise<AttemptOutcome> {
  const { status, body } = answer;
  const delivered: Delivered = {
    status,
    usage: emptyUsage(),
    ttfbMs: ex.clock.now() - ex.startedAt,
    errorClass: status === 200 ? null : 'client_error',
    errorMessage: status === 200 ? null : 'the request body is not a JSON object',
    upstreamModel: undefined,
    upstreamAnswered: false,
  };
  await cx.settlement.settle(ex, delivered);
  if (!ex.res.destroyed) {
    ex.res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': body.length,
      'x-cchub-request-id': ex.requestId,
      ...(status === 200 ? { 'x-cchub-token-count': 'estimate' } : {}),
    });
    ex.res.end(body);
  }
  return { kind: 'delivered', delivered };
}
