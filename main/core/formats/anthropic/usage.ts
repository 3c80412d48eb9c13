// Anthropic usage merging: cumulative counters (a later value replaces), the 5m/1h cache-write split.
import { counter, field, isRecord } from '../common/json-values';
import type { Usage } from '../common/types';

/**
 * Folds the `usage` objects of a message (message_start, then each message_delta) into one Usage. A counter
 * present in a later object replaces the earlier value; the cache-write split comes from the latest object
 * carrying `cache_creation`; when the split is missing (or accounts for less than the total
 * `cache_creation_input_tokens`), the total minus the 1h part counts as 5m.
 */
export class AnthropicUsageMerger {
  private input: number | undefined;
  private output: number | undefined;
  private cacheRead: number | undefined;
  private cacheCreation: number | undefined;
  private split5m: number | undefined;
  private split1h: number | undefined;

  merge(usage: unknown): void {
    if (!isRecord(usage)) return;
    this.input = counter(usage.input_tokens) ?? this.input;
    this.output = counter(usage.output_tokens) ?? this.output;
    this.cacheRead = counter(usage.cache_read_input_tokens) ?? this.cacheRead;
    this.cacheCreation = counter(usage.cache_creation_input_tokens) ?? this.cacheCreation;
    const split = usage.cache_creation;
    if (isRecord(split)) {
      this.split5m = counter(field(split, 'ephemeral_5m_input_tokens'));
      this.split1h = counter(field(split, 'ephemeral_1h_input_tokens'));
    }
  }

  result(): Usage {
    const total = this.cacheCreation;
    const oneHour = this.split1h ?? 0;
    let fiveMin = this.split5m ?? (total !== undefined ? Math.max(0, total - oneHour) : 0);
    if (total !== undefined && fiveMin + oneHour < total) fiveMin = total - oneHour;
    return {
      inputTokens: this.input ?? 0,
      outputTokens: this.output ?? 0,
      cacheWrite5mTokens: fiveMin,
      cacheWrite1hTokens: oneHour,
      cacheReadTokens: this.cacheRead ?? 0,
    };
  }
}

/** Usage of one complete Anthropic `usage` object. */
export function anthropicUsage(usage: unknown): Usage {
  const merger = new AnthropicUsageMerger();
  merger.merge(usage);
  return merger.result();
}
