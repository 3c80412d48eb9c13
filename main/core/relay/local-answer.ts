// A translated token count the hub answers itself (the provider's format has no counting endpoint): an estimate,
// labelled so in the `x-cchub-token-count` header and the decision chain; its row is journaled first, unbilled.
import { emptyUsage } from '../formats';
import type { AnswerContext } from './attempt-outcome';
import type { Exchange } from './exchange';
import type { AttemptOutcome, Delivered } from './outcomes';

export async function answerLocally(ex: Exchange, cx: AnswerContext, body: Buffer): Promise<AttemptOutcome> {
  const delivered: Delivered = {
    status: 200,
    usage: emptyUsage(),
    ttfbMs: ex.clock.now() - ex.startedAt,
    errorClass: null,
    errorMessage: null,
    upstreamModel: undefined,
    upstreamAnswered: false,
  };
  await cx.settlement.settle(ex, delivered);
  if (!ex.res.destroyed) {
    ex.res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': body.length,
      'x-cchub-request-id': ex.requestId,
      'x-cchub-token-count': 'estimate',
    });
    ex.res.end(body);
  }
  return { kind: 'delivered', delivered };
}
