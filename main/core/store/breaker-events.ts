// Circuit-breaker transitions as they happened, per provider (the availability timeline draws them).
import type Database from 'better-sqlite3';
import type { BreakerEventRecord } from './operations-records';
import type { BreakerEventsRepository } from './repositories';

export class SqliteBreakerEvents implements BreakerEventsRepository<'sync'> {
  private readonly insert: Database.Statement;
  private readonly range: Database.Statement;
  private readonly before: Database.Statement;
  private readonly appendAll: (events: readonly BreakerEventRecord[]) => void;

  constructor(sqlite: Database.Database) {
    this.insert = sqlite.prepare(
      `INSERT INTO breaker_events (at, provider_id, from_state, to_state, reason, failures)
       VALUES ($at, $providerId, $from, $to, $reason, $failures)`,
    );
    this.range = sqlite.prepare(
      `SELECT at, provider_id AS providerId, from_state AS "from", to_state AS "to", reason, failures
       FROM breaker_events WHERE provider_id = ? AND at >= ? AND at < ? ORDER BY at, id`,
    );
    this.before = sqlite
      .prepare('SELECT to_state FROM breaker_events WHERE provider_id = ? AND at < ? ORDER BY at DESC, id DESC LIMIT 1')
      .pluck();
    this.appendAll = sqlite.transaction((events: readonly BreakerEventRecord[]) => {
      for (const e of events) this.insert.run(e);
    });
  }

  append(events: readonly BreakerEventRecord[]): void {
    if (events.length > 0) this.appendAll(events);
  }

  between(providerId: string, from: number, to: number): BreakerEventRecord[] {
    return this.range.all(providerId, from, to) as BreakerEventRecord[];
  }

  stateAt(providerId: string, at: number): string {
    return (this.before.get(providerId, at) as string | undefined) ?? 'closed';
  }
}
