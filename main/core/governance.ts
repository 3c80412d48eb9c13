// The hub's live governance state — quota windows, sessions, circuit breakers — and what the relay and the API ask of it.
import type Database from 'better-sqlite3';
import type { Clock } from './clock';
import type { JsonLimits } from './db/schema';
import { SessionTable } from './limits/concurrency';
import type { LimitState } from './limits/guard';
import { providerLimitsFilter } from './limits/provider-limits';
import { type QuotaItem, quotaItems } from './limits/quota';
import { RpmCounter } from './limits/rpm';
import { type LedgerRow, SpendWindows } from './limits/spend-windows';
import { type SubjectKind, subjectOf } from './limits/subjects';
import type { Logger } from './logger';
import { BreakerBoard, breakerFilter } from './routing/breaker';
import { groupFilter } from './routing/groups';
import { modelFilter } from './routing/model-rules';
import { scheduleFilter } from './routing/schedule';
import type { CandidateFilter } from './routing/select';
import { isCharged, type RequestRecord } from './store/request-record';

const TOTAL_RESETS_KEY = 'totalSpendResets';

export class Governance {
  readonly rpm = new RpmCounter();
  readonly sessions: SessionTable;
  readonly spend: SpendWindows;
  readonly breakers = new BreakerBoard();
  readonly limitState: LimitState;
  private readonly sweepTimer: NodeJS.Timeout;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly clock: Clock,
    private readonly timezone: () => string,
    logger: Logger,
    options: { maxSessions?: number } = {},
  ) {
    this.sessions = new SessionTable({ maxSessions: options.maxSessions });
    this.spend = new SpendWindows(timezone());
    this.limitState = { rpm: this.rpm, sessions: this.sessions, spend: this.spend };
    this.breakers.onChange((c) => {
      logger.info(`breaker of provider ${c.providerId}: ${c.from} → ${c.to} (${c.reason})`);
    });
    this.sweepTimer = setInterval(() => this.sweep(), 60_000);
    this.sweepTimer.unref();
  }

  /** Rebuilds every spend window from the usage ledger (start-up): a restart resets nobody's quota. */
  rebuildFromLedger(): void {
    const rows = this.sqlite
      .prepare(
        'SELECT at, user_id AS userId, key_id AS keyId, provider_id AS providerId, cost_usd AS costUsd FROM usage_ledger ORDER BY seq',
      )
      .iterate() as Iterable<LedgerRow>;
    this.spend.rebuild(rows, Object.entries(this.totalResets()));
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
      providerLimitsFilter(this.spend, this.sessions, this.clock),
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
    this.sqlite
      .prepare(
        'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      )
      .run(TOTAL_RESETS_KEY, JSON.stringify(resets), at);
    this.spend.resetTotal(subject, at);
  }

  private totalResets(): Record<string, number> {
    const row = this.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(TOTAL_RESETS_KEY) as
      | { value: string }
      | undefined;
    return row ? (JSON.parse(row.value) as Record<string, number>) : {};
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
