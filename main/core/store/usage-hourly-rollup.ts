// The hourly usage rollup (usage_hourly): a fold's inserted rows summed per group in JavaScript, one upsert per group.
import type Database from 'better-sqlite3';
import { type JournalRow, REQUEST_COLUMNS } from './journal-row';

const HOUR_MS = 3_600_000;
const at = (name: (typeof REQUEST_COLUMNS)[number]) => REQUEST_COLUMNS.indexOf(name);
const CREATED_AT = at('created_at');
const USER = at('user_id');
const KEY = at('key_id');
const PROVIDER = at('provider_id');
const MODEL = at('model');
const STATUS = at('status');
const TTFB = at('ttfb_ms');
const DURATION = at('duration_ms');
const COST = at('cost_usd');
const CACHE_SAVINGS = at('cache_savings_usd');
const BLOCKED_BY = at('blocked_by');
/** Token columns summed as they are. */
const TOKENS = [
  'input_tokens',
  'output_tokens',
  'cache_write_5m_tokens',
  'cache_write_1h_tokens',
  'cache_read_tokens',
] as const;
const TOKEN_AT = TOKENS.map(at);

/** The summed columns, in the order a group's `sums` hold them. */
const SUMS = ['requests', 'errors', ...TOKENS, 'cost_usd', 'cache_savings_usd', 'duration_ms_sum', 'ttfb_ms_sum'];
const [REQUESTS, ERRORS] = [0, 1];
const FIRST_TOKEN = 2;
const [COST_SUM, SAVINGS_SUM, DURATION_SUM, TTFB_SUM] = [7, 8, 9, 10];

interface Group {
  hour: number;
  /** '' for none, as the table's key holds it. */
  userId: string;
  keyId: string;
  providerId: string;
  model: string;
  sums: number[];
}

/**
 * Adds rows the fold inserted (never a replayed one) to `usage_hourly`, grouped by hour, user, key, provider and
 * model: a missing id or model counts under ''; warmups the hub answered itself are left out.
 */
export class UsageHourlyRollup {
  private readonly upsert: Database.Statement;

  constructor(sqlite: Database.Database) {
    this.upsert = sqlite.prepare(
      `INSERT INTO usage_hourly (hour, user_id, key_id, provider_id, model, ${SUMS.join(', ')})
       VALUES (?, ?, ?, ?, ?, ${SUMS.map(() => '?').join(', ')})
       ON CONFLICT (hour, user_id, key_id, provider_id, model) DO UPDATE SET
         ${SUMS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
    );
  }

  add(rows: readonly JournalRow[]): void {
    const groups = new Map<string, Group>();
    let last: Group | undefined;
    for (const row of rows) {
      // Claude Code warmups the hub answered itself stay out of the statistics.
      if (row[BLOCKED_BY] === 'warmup') continue;
      const hour = Math.floor((row[CREATED_AT] as number) / HOUR_MS) * HOUR_MS;
      const userId = (row[USER] as string | null) ?? '';
      const keyId = (row[KEY] as string | null) ?? '';
      const providerId = (row[PROVIDER] as string | null) ?? '';
      const model = (row[MODEL] as string | null) ?? '';
      // Consecutive rows mostly share their group: those skip building its key.
      let g = last;
      if (
        g === undefined ||
        g.hour !== hour ||
        g.userId !== userId ||
        g.keyId !== keyId ||
        g.providerId !== providerId ||
        g.model !== model
      ) {
        const key = `${hour}\u0000${userId}\u0000${keyId}\u0000${providerId}\u0000${model}`;
        g = groups.get(key);
        if (!g) {
          g = { hour, userId, keyId, providerId, model, sums: new Array<number>(SUMS.length).fill(0) };
          groups.set(key, g);
        }
        last = g;
      }
      const s = g.sums;
      (s[REQUESTS] as number)++;
      if ((row[STATUS] as number) >= 400) (s[ERRORS] as number)++;
      for (let i = 0; i < TOKEN_AT.length; i++) (s[FIRST_TOKEN + i] as number) += row[TOKEN_AT[i] as number] as number;
      (s[COST_SUM] as number) += (row[COST] as number | null) ?? 0;
      (s[SAVINGS_SUM] as number) += row[CACHE_SAVINGS] as number;
      (s[DURATION_SUM] as number) += row[DURATION] as number;
      (s[TTFB_SUM] as number) += (row[TTFB] as number | null) ?? 0;
    }
    for (const g of groups.values()) this.upsert.run(g.hour, g.userId, g.keyId, g.providerId, g.model, ...g.sums);
  }
}
