// Account stage: settles what a request ended in — its log record (priced when billable), journaled before the
// answer's last bytes leave; the journal's batch write charges the quota windows (hub.ts wires `onJournaled` to
// governance); then the spend reservation is released and a captured body kept.
import type { BodyStore } from '../capture/body-store';
import type { Clock } from '../clock';
import type { RequestLog } from '../store/request-log';
import { type Settlement, unrecordedDelivery } from './attempt-outcome';
import type { Exchange } from './exchange';
import type { AttemptOutcome, Delivered } from './outcomes';
import type { Refusal } from './refusal';
import {
  blockedRecord,
  deliveredRecord,
  failureRecord,
  hubAnsweredRecord,
  type PricingContext,
} from './request-records';
import { callerKey } from './upstream-text';

export class Accounting implements Settlement {
  constructor(
    private readonly log: RequestLog,
    private readonly clock: Clock,
    private readonly pricing: PricingContext,
    private readonly bodies: BodyStore | undefined,
  ) {}

  /** A delivered answer: its attempt and result noted, its priced row journaled (see `Settlement`). */
  settle(ex: Exchange, d: Delivered, unrecordedStatus?: number): Promise<boolean> {
    const { clock, pricing } = this;
    const p = ex.provider;
    ex.note({
      kind: 'attempt',
      providerId: p.id,
      providerName: p.name,
      attempt: ex.attempt,
      status: d.status,
      errorClass: d.errorClass ?? undefined,
      reason: ex.redirectedTo ? `sent as model ${ex.redirectedTo}` : undefined,
      latencyMs: clock.now() - ex.attemptStartedAt,
      rule: d.rule,
    });
    ex.note({
      kind: 'result',
      providerId: p.id,
      providerName: p.name,
      status: d.status,
      reason: d.errorClass ? 'failed after the answer began' : 'success',
    });
    const end = clock.now();
    const endpoint = ex.endpoint as NonNullable<Exchange['endpoint']>;
    return this.log.append(
      deliveredRecord(ex.base, endpoint, p, ex.sentModel, d, pricing, end),
      unrecordedStatus === undefined
        ? undefined
        : () =>
            deliveredRecord(ex.base, endpoint, p, ex.sentModel, unrecordedDelivery(d, unrecordedStatus), pricing, end),
    );
  }

  /** The client left: noted, and its row written unless the committed stream's settlement already wrote one. */
  async clientGone(ex: Exchange, outcome: Extract<AttemptOutcome, { kind: 'client_gone' }>): Promise<void> {
    const p = ex.provider;
    ex.note({
      kind: 'result',
      providerId: p.id,
      providerName: p.name,
      status: 499,
      reason: 'client closed the connection',
    });
    if (outcome.recorded) return;
    await this.log.append(
      failureRecord(ex.base, 499, 'client_closed', 'the client closed the connection', p.id, this.clock.now()),
    );
  }

  /** A refusal's row: blocked by a guard, or failed with no provider answering; the refusal is the chain's result. */
  readonly recordRefusal = (ex: Exchange, r: Refusal): Promise<boolean> => {
    ex.note({ kind: 'result', status: r.status, reason: r.message });
    const now = this.clock.now();
    return this.log.append(
      r.row === 'blocked'
        ? blockedRecord(ex.base, r.status, r.code, r.message, now, r.blockedBy ?? r.code)
        : failureRecord(ex.base, r.status, r.errorClass ?? r.code, r.message, null, now),
    );
  };

  /** A request the hub answered itself (Claude Code's warmup): its row, blocked by `blockedBy`, never billed. */
  readonly recordHubAnswer = (ex: Exchange, blockedBy: string, reason: string): Promise<boolean> => {
    ex.note({ kind: 'result', status: 200, reason });
    return this.log.append(hubAnsweredRecord(ex.base, blockedBy, this.clock.now()));
  };

  /** The request is over: its spend reservation ends (after its real cost was charged, when it had one). */
  release(ex: Exchange): void {
    ex.reservation?.release();
  }

  /** Hands the captured request and answer to the body store (written off the hot path). */
  keepBody(ex: Exchange): void {
    if (!ex.capture || !this.bodies) return;
    this.bodies.add(
      {
        requestId: ex.requestId,
        // What the last provider was sent (overrides and redirect applied); the client's body when none was tried.
        requestBody: ex.sendBody.length > 0 ? ex.sendBody : ex.parsed.fields.body,
        response: ex.capture.bytes(),
        responseTruncated: ex.capture.truncated,
        keepMessageText: ex.keepMessageText,
        hubKey: callerKey(ex),
      },
      this.clock.now(),
    );
  }
}
