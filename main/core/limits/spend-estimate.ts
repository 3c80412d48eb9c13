// What a billable request may cost before it runs: the amount its spend reservation holds while it is in flight.
import { computeCost } from '../billing/cost';
import type { PriceTable } from '../billing/price-table';
import type { WireFormat } from '../formats';
import type { RequestFields } from '../formats/common/request-fields';
import { type ProviderRuntime, servesFormat } from '../model/entities';
import { redirectModel } from '../model/model-rules';
import { NANOS_PER_USD } from './subject-spend';

/**
 * Input tokens are estimated as the body's bytes / 4: no tokenizer runs on the hot path. JSON syntax, field names
 * and base64 images put the figure above the real count for most requests; dense non-Latin text (3 UTF-8 bytes a
 * token or less) puts it below.
 */
export const BYTES_PER_TOKEN = 4;

/** Output tokens assumed for a request that sets no output cap (Chat, Responses and Gemini make the cap optional). */
export const DEFAULT_OUTPUT_TOKENS = 4096;

export interface TokenEstimate {
  input: number;
  output: number;
}

/** The output cap a request sets in its format's own field, or undefined when it sets none (or no usable number). */
export function outputTokenCap(format: WireFormat, fields: RequestFields): number | undefined {
  switch (format) {
    case 'anthropic':
      return tokenCount(fields.value('max_tokens'));
    case 'openai-chat':
      return tokenCount(fields.value('max_completion_tokens')) ?? tokenCount(fields.value('max_tokens'));
    case 'openai-responses':
      return tokenCount(fields.value('max_output_tokens'));
    case 'gemini': {
      // The API takes proto field names in either spelling.
      const config = fields.value('generationConfig') ?? fields.value('generation_config');
      if (typeof config !== 'object' || config === null) return undefined;
      const c = config as Record<string, unknown>;
      return tokenCount(c.maxOutputTokens) ?? tokenCount(c.max_output_tokens);
    }
  }
}

/** Input from the body's size, output from the request's cap (or `DEFAULT_OUTPUT_TOKENS`). */
export function estimateTokens(format: WireFormat, bodyBytes: number, fields: RequestFields): TokenEstimate {
  return {
    input: Math.ceil(bodyBytes / BYTES_PER_TOKEN),
    output: outputTokenCap(format, fields) ?? DEFAULT_OUTPUT_TOKENS,
  };
}

/**
 * Nano-USD of `tokens` of a model at multiplier 1, priced as the hub bills (long-context tiers included) with
 * every input token as plain input: cache reads would cost less, cache writes 1.25–2× more. The output is capped at
 * the model's `max_output_tokens` when the price table has it. 0 for a model without a price: the hub cannot charge
 * such a request to any window either (its cost is unknown), so there is nothing to reserve.
 */
export function estimateNanos(prices: PriceTable, model: string, tokens: TokenEstimate): number {
  const data = prices.lookup(model)?.data;
  if (!data) return 0;
  const modelCap =
    typeof data.max_output_tokens === 'number' && data.max_output_tokens > 0 ? data.max_output_tokens : 0;
  const output = modelCap > 0 ? Math.min(tokens.output, modelCap) : tokens.output;
  const cost = computeCost(
    {
      inputTokens: tokens.input,
      outputTokens: output,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      cacheReadTokens: 0,
    },
    data,
    1,
  );
  return cost ? cost.total * NANOS_PER_USD : 0;
}

/** One request's estimate, computed on first use (a request no spend limit applies to computes nothing). */
export class SpendEstimate {
  private tokens: TokenEstimate | undefined;
  private requestedNanos = -1;
  private worstNanos = -1;

  constructor(
    private readonly format: WireFormat,
    private readonly body: RequestFields,
    private readonly bodyBytes: number,
    /** The model the client asked for. */
    private readonly model: string,
    private readonly prices: PriceTable,
    /** Settings: the redirected model is billed instead of the requested one. */
    private readonly billRedirected: boolean,
  ) {}

  /** Nano-USD (a whole number) the request may cost when sent to `p`: its multiplier, its redirect if that is billed. */
  forProvider(p: ProviderRuntime): number {
    const redirected = this.billRedirected ? redirectModel(p.modelRedirects, this.model) : undefined;
    const base = redirected === undefined ? this.requested() : estimateNanos(this.prices, redirected, this.tokensOf());
    return Math.ceil(base * Math.max(0, p.costMultiplier));
  }

  /**
   * The guard's estimate: the dearest of the enabled providers that serve the request's format, since the provider is
   * chosen after the guard. The reservation shrinks to the chosen provider's estimate when the request is sent.
   * Without such a provider (the request will find none) the estimate at multiplier 1.
   */
  worst(providers: readonly ProviderRuntime[]): number {
    if (this.worstNanos >= 0) return this.worstNanos;
    let worst = -1;
    for (const p of providers) {
      if (!p.enabled || !servesFormat(p, this.format)) continue;
      const n = this.forProvider(p);
      if (n > worst) worst = n;
    }
    this.worstNanos = worst >= 0 ? worst : Math.ceil(this.requested());
    return this.worstNanos;
  }

  private requested(): number {
    if (this.requestedNanos < 0) this.requestedNanos = estimateNanos(this.prices, this.model, this.tokensOf());
    return this.requestedNanos;
  }

  private tokensOf(): TokenEstimate {
    this.tokens ??= estimateTokens(this.format, this.bodyBytes, this.body);
    return this.tokens;
  }
}

function tokenCount(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.ceil(v) : undefined;
}
