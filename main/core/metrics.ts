// Prometheus metrics: counters and a latency histogram fed by committed log batches; gauges read when scraped.

import type { ErrorRuleCounters } from './error-rules/counters';
import { LoopDelay } from './loop-delay';
import type { JournalHealth } from './store/journal-health';
import type { RequestRecord } from './store/request-record';

/** Request-duration buckets in seconds (upper bounds), from a fast cached answer to a long agentic stream. */
const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

interface RequestSeries {
  format: string;
  endpoint: string;
  status: number;
  providerId: string | null;
  model: string;
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
  buckets: number[];
  durationSum: number;
}

export interface LiveGauges {
  inFlight: number;
  /** The request journal's state (a full or failing disk). */
  journal: JournalHealth;
  liveSessions: number;
  /** Request-body bytes held in memory now (the body budget's use). */
  bodyBytesInFlight: number;
  /** Bodies refused because the body budget was spent, since start. */
  bodiesRefused: number;
  /** Provider name → breaker state. */
  breakers: { provider: string; state: 'closed' | 'open' | 'half-open' }[];
  /** Upstream errors decided per error rule, and reactive fixes used. */
  errorRules?: Pick<ErrorRuleCounters, 'decisionCounts' | 'fixCounts'>;
}

/** Series kept at most; a request that would add one past it is counted under the model label `(other)`. */
export const MAX_SERIES = 2_000;
const OTHER_MODEL = '(other)';

const BREAKER_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;

/** Label values are escaped as the exposition format requires. */
function label(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export class Metrics {
  private readonly series = new Map<string, RequestSeries>();
  /** Blocked requests by what blocked them (`content_rule`, `client`, a quota's code…): a small, fixed set of kinds. */
  private readonly blocked = new Map<string, number>();

  /** The event loop's delay since the previous scrape. */
  private readonly loopDelay = new LoopDelay();

  constructor(private readonly providerName: (id: string) => string | undefined) {}

  /** Stops sampling the event loop's delay (at shutdown). */
  stop(): void {
    this.loopDelay.stop();
  }

  /**
   * Adds a journaled batch (RequestLog's onJournaled): one map update per record, nothing on the relay path. Series
   * are keyed by the raw values; escaping and the provider's current name wait for a scrape.
   */
  readonly record = (records: readonly RequestRecord[]): void => {
    for (const r of records) {
      if (r.blockedBy !== null) this.blocked.set(r.blockedBy, (this.blocked.get(r.blockedBy) ?? 0) + 1);
      let model = r.model ?? '';
      let id = `${r.format}\u0000${r.endpoint}\u0000${r.status}\u0000${r.providerId ?? ''}\u0000${model}`;
      let s = this.series.get(id);
      if (!s && this.series.size >= MAX_SERIES) {
        // Clients name the model: past the bound, new names share one series instead of growing memory.
        model = OTHER_MODEL;
        id = `${r.format}\u0000${r.endpoint}\u0000${r.status}\u0000${r.providerId ?? ''}\u0000${model}`;
        s = this.series.get(id);
      }
      if (!s) {
        s = {
          format: r.format,
          endpoint: r.endpoint,
          status: r.status,
          providerId: r.providerId,
          model,
          requests: 0,
          errors: 0,
          inputTokens: 0,
          outputTokens: 0,
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
          costUsd: 0,
          buckets: DURATION_BUCKETS.map(() => 0),
          durationSum: 0,
        };
        this.series.set(id, s);
      }
      s.requests++;
      if (r.status >= 400 || r.errorClass) s.errors++;
      s.inputTokens += r.inputTokens;
      s.outputTokens += r.outputTokens;
      s.cacheReadTokens += r.cacheReadTokens;
      s.cacheWriteTokens += r.cacheWrite5mTokens + r.cacheWrite1hTokens;
      s.costUsd += r.costUsd ?? 0;
      const seconds = r.durationMs / 1000;
      s.durationSum += seconds;
      for (let i = 0; i < DURATION_BUCKETS.length; i++) {
        if (seconds <= (DURATION_BUCKETS[i] as number)) (s.buckets[i] as number)++;
      }
    }
  };

  /** The text exposition format (version 0.0.4). */
  render(live: LiveGauges): string {
    const out: string[] = [];
    const series = [...this.series.values()].map((s) => ({ s, labels: this.labels(s) }));
    const counter = (name: string, help: string, pick: (s: RequestSeries) => number) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      for (const { s, labels } of series) out.push(`${name}{${labels}} ${pick(s)}`);
    };
    counter(
      'cchub_requests_total',
      'Requests relayed, by client format, endpoint, status, provider and model.',
      (s) => s.requests,
    );
    counter(
      'cchub_request_errors_total',
      'Requests that ended in an error (status >= 400 or a failed stream).',
      (s) => s.errors,
    );
    counter('cchub_input_tokens_total', 'Uncached input tokens.', (s) => s.inputTokens);
    counter('cchub_output_tokens_total', 'Output tokens.', (s) => s.outputTokens);
    counter('cchub_cache_read_tokens_total', 'Cache-read input tokens.', (s) => s.cacheReadTokens);
    counter('cchub_cache_write_tokens_total', 'Cache-write input tokens (5 m and 1 h).', (s) => s.cacheWriteTokens);
    counter('cchub_cost_usd_total', 'Cost in USD (requests with a known price).', (s) => s.costUsd);
    out.push(
      '# HELP cchub_request_duration_seconds Time from a request arriving to its last byte.',
      '# TYPE cchub_request_duration_seconds histogram',
    );
    for (const { s, labels } of series) {
      DURATION_BUCKETS.forEach((le, i) => {
        out.push(`cchub_request_duration_seconds_bucket{${labels},le="${le}"} ${s.buckets[i]}`);
      });
      out.push(`cchub_request_duration_seconds_bucket{${labels},le="+Inf"} ${s.requests}`);
      out.push(`cchub_request_duration_seconds_sum{${labels}} ${s.durationSum}`);
      out.push(`cchub_request_duration_seconds_count{${labels}} ${s.requests}`);
    }
    out.push(
      '# HELP cchub_in_flight_requests Relay requests in flight (streams included).',
      '# TYPE cchub_in_flight_requests gauge',
      `cchub_in_flight_requests ${live.inFlight}`,
      '# HELP cchub_live_sessions Client sessions with a request in flight or within the session TTL.',
      '# TYPE cchub_live_sessions gauge',
      `cchub_live_sessions ${live.liveSessions}`,
      '# HELP cchub_journal_writable 1 while the request journal can be written; 0 while relay requests are refused.',
      '# TYPE cchub_journal_writable gauge',
      `cchub_journal_writable ${live.journal.writable ? 1 : 0}`,
      '# HELP cchub_journal_write_failures_total Request journal writes the disk refused (ENOSPC, EIO...).',
      '# TYPE cchub_journal_write_failures_total counter',
      `cchub_journal_write_failures_total ${live.journal.writeFailures}`,
      '# HELP cchub_journal_refused_requests_total Relay requests refused with 503 because the journal was unwritable.',
      '# TYPE cchub_journal_refused_requests_total counter',
      `cchub_journal_refused_requests_total ${live.journal.refusedRequests}`,
      '# HELP cchub_journal_rows_in_memory Request log rows waiting in memory for the journal or a fold.',
      '# TYPE cchub_journal_rows_in_memory gauge',
      `cchub_journal_rows_in_memory ${live.journal.rowsInMemory}`,
      '# HELP cchub_journal_rows_lost_total Rows dropped past the in-memory bound while the journal was unwritable.',
      '# TYPE cchub_journal_rows_lost_total counter',
      `cchub_journal_rows_lost_total ${live.journal.rowsLost}`,
      '# HELP cchub_body_bytes_in_flight Request-body bytes held in memory now (bounded by CCHUB_MAX_INFLIGHT_BODY_BYTES).',
      '# TYPE cchub_body_bytes_in_flight gauge',
      `cchub_body_bytes_in_flight ${live.bodyBytesInFlight}`,
      '# HELP cchub_bodies_refused_total Request bodies refused because the in-flight body budget was spent.',
      '# TYPE cchub_bodies_refused_total counter',
      `cchub_bodies_refused_total ${live.bodiesRefused}`,
      '# HELP cchub_breaker_state Circuit breaker per provider: 0 closed, 1 half-open, 2 open.',
      '# TYPE cchub_breaker_state gauge',
    );
    for (const b of live.breakers)
      out.push(`cchub_breaker_state{provider="${label(b.provider)}"} ${BREAKER_VALUE[b.state]}`);
    out.push(...this.loopDelay.render());
    if (live.errorRules) renderRuleCounters(out, live.errorRules);
    out.push(
      '# HELP cchub_requests_blocked_total Requests the hub refused itself, by kind (content_rule, client, quota codes...).',
      '# TYPE cchub_requests_blocked_total counter',
    );
    for (const [kind, n] of this.blocked) out.push(`cchub_requests_blocked_total{kind="${label(kind)}"} ${n}`);
    return `${out.join('\n')}\n`;
  }

  private labels(s: RequestSeries): string {
    const provider = (s.providerId && this.providerName(s.providerId)) || '';
    return (
      `format="${label(s.format)}",endpoint="${label(s.endpoint)}",status="${s.status}",` +
      `provider="${label(provider)}",model="${label(s.model)}"`
    );
  }
}

function renderRuleCounters(out: string[], c: Pick<ErrorRuleCounters, 'decisionCounts' | 'fixCounts'>): void {
  out.push(
    '# HELP cchub_error_rule_decisions_total Upstream error statuses decided, by error rule (id) and action.',
    '# TYPE cchub_error_rule_decisions_total counter',
  );
  for (const d of c.decisionCounts()) {
    out.push(`cchub_error_rule_decisions_total{rule="${label(d.rule)}",action="${label(d.action)}"} ${d.count}`);
  }
  out.push(
    '# HELP cchub_request_fixes_total Upstream errors retried once on the same provider with the body corrected, by fix.',
    '# TYPE cchub_request_fixes_total counter',
  );
  for (const f of c.fixCounts()) out.push(`cchub_request_fixes_total{fix="${label(f.fix)}"} ${f.count}`);
}
