// Folds the durability journal into the indexed `requests` table, the usage ledger, the hourly rollups and keys' last use.
import type Database from 'better-sqlite3';
import { decodeJournalRow, J, type JournalRow, REQUEST_COLUMNS } from '../store/journal-row';

const HOUR_MS = 3_600_000;

interface RollupDelta {
  hour: number;
  userId: string;
  keyId: string;
  providerId: string;
  model: string;
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cacheWrite5mTokens: number;
  cacheWrite1hTokens: number;
  cacheReadTokens: number;
  costUsd: number;
  cacheSavingsUsd: number;
  durationMsSum: number;
  ttfbMsSum: number;
}

export class JournalFolder {
  private readonly selectBatch: Database.Statement;
  private readonly insertRequest: Database.Statement;
  private readonly upsertRollup: Database.Statement;
  private readonly deleteUpTo: Database.Statement;
  private readonly touchKey: Database.Statement;
  private readonly insertLedger: Database.Statement;
  private readonly foldTx: (limit: number) => number;

  constructor(sqlite: Database.Database) {
    this.selectBatch = sqlite.prepare('SELECT seq, payload FROM request_journal ORDER BY seq LIMIT ?');
    this.insertRequest = sqlite.prepare(
      `INSERT OR IGNORE INTO requests (${REQUEST_COLUMNS.join(', ')}) VALUES (${REQUEST_COLUMNS.map(() => '?').join(', ')})`,
    );
    this.upsertRollup = sqlite.prepare(
      `INSERT INTO usage_hourly (hour, user_id, key_id, provider_id, model, requests, errors, input_tokens,
         output_tokens, cache_write_5m_tokens, cache_write_1h_tokens, cache_read_tokens, cost_usd, cache_savings_usd,
         duration_ms_sum, ttfb_ms_sum)
       VALUES (@hour, @userId, @keyId, @providerId, @model, @requests, @errors, @inputTokens, @outputTokens,
         @cacheWrite5mTokens, @cacheWrite1hTokens, @cacheReadTokens, @costUsd, @cacheSavingsUsd, @durationMsSum,
         @ttfbMsSum)
       ON CONFLICT (hour, user_id, key_id, provider_id, model) DO UPDATE SET
         requests = requests + excluded.requests, errors = errors + excluded.errors,
         input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,
         cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens,
         cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
         cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
         cost_usd = cost_usd + excluded.cost_usd, cache_savings_usd = cache_savings_usd + excluded.cache_savings_usd,
         duration_ms_sum = duration_ms_sum + excluded.duration_ms_sum, ttfb_ms_sum = ttfb_ms_sum + excluded.ttfb_ms_sum`,
    );
    this.deleteUpTo = sqlite.prepare('DELETE FROM request_journal WHERE seq <= ?');
    this.insertLedger = sqlite.prepare(
      'INSERT INTO usage_ledger (at, user_id, key_id, provider_id, cost_usd) VALUES (?, ?, ?, ?, ?)',
    );
    this.touchKey = sqlite.prepare(
      'UPDATE keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
    );
    this.foldTx = sqlite.transaction((limit: number) => this.foldBatch(limit));
  }

  /** Folds up to `limit` journal rows in one transaction; returns how many were folded. */
  foldOnce(limit = 2000): number {
    return this.foldTx(limit);
  }

  /** Folds everything (start-up replay and shutdown). */
  foldAll(): number {
    let total = 0;
    for (let n = this.foldOnce(); n > 0; n = this.foldOnce()) total += n;
    return total;
  }

  private foldBatch(limit: number): number {
    const rows = this.selectBatch.all(limit) as { seq: number; payload: string }[];
    if (rows.length === 0) return 0;
    const rollups = new Map<string, RollupDelta>();
    const keysUsed = new Map<string, number>();
    for (const row of rows) {
      const j = decodeJournalRow(row.payload);
      const c = j.columns;
      // A replayed row that already made it into `requests` must not be counted twice in the rollups.
      if (this.insertRequest.run(c).changes === 0) continue;
      addToRollup(rollups, j);
      const costUsd = c[J.costUsd] as number | null;
      const createdAt = c[J.createdAt] as number;
      if (j.billed && costUsd !== null && costUsd > 0) {
        this.insertLedger.run(
          createdAt + (c[J.durationMs] as number),
          c[J.userId],
          c[J.keyId],
          c[J.providerId],
          costUsd,
        );
      }
      const keyId = c[J.keyId] as string | null;
      if (keyId && createdAt > (keysUsed.get(keyId) ?? 0)) keysUsed.set(keyId, createdAt);
    }
    for (const delta of rollups.values()) this.upsertRollup.run(delta);
    for (const [keyId, at] of keysUsed) this.touchKey.run(at, keyId, at);
    this.deleteUpTo.run((rows[rows.length - 1] as { seq: number }).seq);
    return rows.length;
  }
}

function addToRollup(rollups: Map<string, RollupDelta>, j: JournalRow): void {
  const c = j.columns;
  const hour = Math.floor((c[J.createdAt] as number) / HOUR_MS) * HOUR_MS;
  const userId = (c[J.userId] as string | null) ?? '';
  const keyId = (c[J.keyId] as string | null) ?? '';
  const providerId = (c[J.providerId] as string | null) ?? '';
  const model = (c[J.model] as string | null) ?? '';
  const id = `${hour}\u0000${userId}\u0000${keyId}\u0000${providerId}\u0000${model}`;
  let d = rollups.get(id);
  if (!d) {
    d = {
      hour,
      userId,
      keyId,
      providerId,
      model,
      requests: 0,
      errors: 0,
      inputTokens: 0,
      outputTokens: 0,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      cacheReadTokens: 0,
      costUsd: 0,
      cacheSavingsUsd: 0,
      durationMsSum: 0,
      ttfbMsSum: 0,
    };
    rollups.set(id, d);
  }
  d.requests++;
  if ((c[J.status] as number) >= 400) d.errors++;
  d.inputTokens += c[J.inputTokens] as number;
  d.outputTokens += c[J.outputTokens] as number;
  d.cacheWrite5mTokens += c[J.cacheWrite5mTokens] as number;
  d.cacheWrite1hTokens += c[J.cacheWrite1hTokens] as number;
  d.cacheReadTokens += c[J.cacheReadTokens] as number;
  d.costUsd += (c[J.costUsd] as number | null) ?? 0;
  d.cacheSavingsUsd += j.cacheSavingsUsd;
  d.durationMsSum += c[J.durationMs] as number;
  d.ttfbMsSum += (c[J.ttfbMs] as number | null) ?? 0;
}
