// The hub's live governance state — quota windows, sessions, circuit breakers — and what the relay and the API ask of it.
import type { Clock } from './clock';
import type { JsonLimits } from './db/schema';
import type { LimitState } from './limits/guard';
import { providerLimitsFilter } from './limits/provider-limits';
import { type QuotaItem, quotaItems } from './limits/quota';
import { RpmCounter } from './limits/rpm';
import { SpendReservations } from './limits/spend-reservations';
import { SpendWindows } from './limits/spend-windows';
import type { ResettableSpendWindow } from './limits/subject-spend';
import type { Logger } from './logger';
import { BreakerBoard, breakerFilter } from './routing/breaker';
import { groupFilter } from './routing/groups';
import { modelFilter } from './routing/model-rules';
import { ProviderHealthBoard } from './routing/provider-health';
import { scheduleFilter } from './routing/schedule';
import type { CandidateFilter } from './routing/select';
import { SessionTable } from './sessions/session-table';
import type { SettingsRepository, UsageRepository } from './store/repositories';
import { isCharged, type RequestRecord } from './store/request-record';
import { type SubjectKind, subjectOf } from './subjects';

const TOTAL_RESETS_KEY = 'totalSpendResets';
const WINDOW_RESETS_KEY = 'windowSpendResets';
/** A window reset older than this no longer matters (no window is longer than a month) and is dropped. */
const WINDOW_RESET_KEEP_MS = 32 * 24 * 3_600_000;

type WindowResets = Record<string, Partial<Record<ResettableSpendWindow, number>>>;

export class Governance {
  readonly rpm = new RpmCounter();
  readonly sessions: SessionTable;
  readonly spend: SpendWindows;
  readonly reservations = new SpendReservations();
  readonly breakers = new BreakerBoard();
  /** What traffic and tests observed of each provider (shown, never used to route). */
  readonly health = new ProviderHealthBoard();
  readonly limitState: LimitState;
  private readonly sweepTimer: NodeJS.Timeout;

  constructor(
    /** The ledger (spend windows are rebuilt from it) and the settings row that keeps lifetime-spend resets. */
    private readonly store: { usage: Pick<UsageRepository<'sync'>, 'ledger'>; settings: SettingsRepository<'sync'> },
    private readonly clock: Clock,
    private readonly timezone: () => string,
    logger: Logger,
    options: { maxSessions?: number } = {},
  ) {
    this.sessions = new SessionTable({ maxSessions: options.maxSessions });
    this.spend = new SpendWindows(timezone());
    this.limitState = { rpm: this.rpm, sessions: this.sessions, spend: this.spend, reservations: this.reservations };
    this.breakers.onChange((c) => {
      logger.info(`breaker of provider ${c.providerId}: ${c.from} → ${c.to} (${c.reason})`);
    });
    this.sweepTimer = setInterval(() => this.sweep(), 60_000);
    this.sweepTimer.unref();
  }

  /** Rebuilds every spend window from the usage ledger (start-up): a restart resets nobody's quota. */
  rebuildFromLedger(): void {
    const windows = Object.entries(this.windowResets()).flatMap(([subject, byWindow]) =>
      Object.entries(byWindow).map(([w, at]) => [subject, w as ResettableSpendWindow, at as number] as const),
    );
    this.spend.rebuild(this.store.usage.ledger(), Object.entries(this.totalResets()), windows);
  }

  /** Follows a changed hub timezone (settings). */
  syncTimezone(): void {
    const tz = this.timezone();
    if (tz !== this.spend.timeZone) this.spend.setTimeZone(tz);
  }

  /** The candidate filters governance adds to provider selection, in the order their reasons are most useful. */
  filters(): CandidateFilter[] {
    return [
      groupFilter(),
      modelFilter(),
      scheduleFilter(this.clock, this.timezone),
      breakerFilter(this.breakers, this.clock),
      providerLimitsFilter(this.spend, this.sessions, this.reservations, this.clock),
    ];
  }

  /** Charges committed, billed requests to their windows — at the same time the ledger row records. */
  readonly charge = (records: readonly RequestRecord[]): void => {
    for (const r of records) {
      if (!isCharged(r)) continue;
      this.spend.chargeRow({
        at: r.createdAt + r.durationMs,
        userId: r.userId,
        keyId: r.keyId,
        providerId: r.providerId,
        costUsd: r.costUsd,
      });
    }
  };

  quota(kind: SubjectKind, id: string, limits: JsonLimits, rpm?: number | null): QuotaItem[] {
    return quotaItems(this.limitState, kind, id, limits, this.clock.now(), rpm);
  }

  /** An admin reset of a subject's lifetime spend: kept in settings so a rebuild applies it too. */
  resetTotal(kind: SubjectKind, id: string): void {
    const at = this.clock.now();
    const subject = subjectOf(kind, id);
    const resets = { ...this.totalResets(), [subject]: at };
    this.store.settings.writeInternal(TOTAL_RESETS_KEY, resets, at);
    this.spend.resetTotal(subject, at);
  }

  /**
   * An admin reset of one window of a subject: RPM (users) starts empty; a spend window no longer counts what was
   * spent before now, until the window moves past now. Spend resets are kept in settings so a rebuild applies them.
   */
  resetWindow(kind: SubjectKind, id: string, window: 'rpm' | ResettableSpendWindow | 'total'): void {
    if (window === 'total') {
      this.resetTotal(kind, id);
      return;
    }
    if (window === 'rpm') {
      this.rpm.reset(id);
      return;
    }
    // everything charged up to and including this millisecond stops counting
    const at = this.clock.now() + 1;
    const subject = subjectOf(kind, id);
    const all = this.windowResets();
    for (const [s, byWindow] of Object.entries(all)) {
      for (const [w, t] of Object.entries(byWindow)) {
        if ((t as number) < at - WINDOW_RESET_KEEP_MS) delete byWindow[w as ResettableSpendWindow];
      }
      if (Object.keys(byWindow).length === 0) delete all[s];
    }
    all[subject] = { ...all[subject], [window]: at };
    this.store.settings.writeInternal(WINDOW_RESETS_KEY, all, at);
    this.spend.resetWindow(subject, window, at);
  }

  private windowResets(): WindowResets {
    const stored = this.store.settings.readInternal(WINDOW_RESETS_KEY) as WindowResets | undefined;
    return stored ? structuredClone(stored) : {};
  }

  private totalResets(): Record<string, number> {
    return (this.store.settings.readInternal(TOTAL_RESETS_KEY) as Record<string, number> | undefined) ?? {};
  }

  private sweep(): void {
    const now = this.clock.now();
    this.rpm.sweep(now);
    this.sessions.sweep(now);
    this.spend.sweep(now);
  }

  close(): void {
    clearInterval(this.sweepTimer);
  }
}
