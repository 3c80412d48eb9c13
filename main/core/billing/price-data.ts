// The LiteLLM price-entry schema and the parser that turns a LiteLLM (or bundled) price file into usable entries.
import { z } from 'zod';

/** Modes whose entries price text generation; everything else (embeddings, images, audio…) is dropped. */
export const KEPT_MODES: ReadonlySet<string> = new Set(['chat', 'responses', 'completion', 'embedding']);

const price = z
  .number({ error: (issue) => `must be a number (got ${describe(issue.input)})` })
  .nonnegative({ error: (issue) => `must not be negative (got ${String(issue.input)})` })
  .optional();

const count = z
  .number({ error: (issue) => `must be a number (got ${describe(issue.input)})` })
  .nonnegative({ error: 'must not be negative' })
  .nullable()
  .optional();

/** A field name that carries a price: every LiteLLM price field has `cost` in its name. */
const PRICE_FIELD = /cost/;

/**
 * One LiteLLM model entry. The fields the hub bills with are typed; every other field (tiered
 * `*_above_<N>k_tokens` prices, `supports_*` flags, `search_context_cost_per_query`…) is kept verbatim.
 * Any field whose name contains `cost` must be a non-negative number, or an object of them.
 */
export const PriceDataSchema = z
  .looseObject({
    litellm_provider: z.string({ error: 'must be a string' }).optional(),
    mode: z.string({ error: 'must be a string' }).optional(),
    max_tokens: count,
    max_input_tokens: count,
    max_output_tokens: count,
    input_cost_per_token: price,
    output_cost_per_token: price,
    cache_read_input_token_cost: price,
    cache_creation_input_token_cost: price,
    cache_creation_input_token_cost_above_1hr: price,
    input_cost_per_token_above_200k_tokens: price,
    output_cost_per_token_above_200k_tokens: price,
    cache_read_input_token_cost_above_200k_tokens: price,
    cache_creation_input_token_cost_above_200k_tokens: price,
    cache_creation_input_token_cost_above_1hr_above_200k_tokens: price,
    input_cost_per_request: price,
    output_cost_per_reasoning_token: price,
  })
  .superRefine((entry, ctx) => {
    for (const [field, value] of Object.entries(entry)) {
      if (!PRICE_FIELD.test(field)) continue;
      const problem = priceProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', path: [field], message: problem });
    }
  });

export type PriceData = z.infer<typeof PriceDataSchema>;

/** Thrown when a price file cannot be used; `model` and `field` name the first offending spot when there is one. */
export class PriceImportError extends Error {
  override readonly name = 'PriceImportError';
  constructor(
    message: string,
    readonly model?: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface ParsedPriceTable {
  models: Map<string, PriceData>;
  skipped: { model: string; reason: string }[];
}

/**
 * Parses either the raw LiteLLM file (`{ model: entry, sample_spec: … }`) or the bundled
 * `resources/prices.json` shape (`{ source, models: { model: entry } }`).
 * Keeps entries whose `mode` is chat / responses / completion / embedding, and entries without a `mode` that
 * carry an input or output token price. Other entries are reported in `skipped` and not validated.
 * Throws `PriceImportError` for a non-object top level, a non-object entry, a kept entry with a bad
 * field (naming the first such model and field), or when no usable model remains.
 */
export function parseLiteLlmTable(json: unknown): ParsedPriceTable {
  if (!isPlainObject(json)) {
    throw new PriceImportError(
      `Price file must be a JSON object mapping model names to entries (got ${describe(json)})`,
    );
  }
  const table = isBundledShape(json) ? json.models : json;
  const models = new Map<string, PriceData>();
  const skipped: { model: string; reason: string }[] = [];

  for (const [model, entry] of Object.entries(table)) {
    if (model === 'sample_spec') {
      skipped.push({ model, reason: 'schema sample' });
      continue;
    }
    if (!isPlainObject(entry)) {
      throw new PriceImportError(`Price entry "${model}" must be an object (got ${describe(entry)})`, model);
    }
    if (model.trim() === '') throw new PriceImportError('Price file has an entry with an empty model name', model);
    const reason = skipReason(entry);
    if (reason) {
      skipped.push({ model, reason });
      continue;
    }
    const parsed = PriceDataSchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') ?? '';
      throw new PriceImportError(
        `Price entry "${model}", field "${field}": ${issue?.message ?? 'invalid'}`,
        model,
        field || undefined,
      );
    }
    models.set(model, parsed.data);
  }

  if (models.size === 0) {
    throw new PriceImportError('Price file has no usable model (none with mode chat, responses or completion)');
  }
  return { models, skipped };
}

function skipReason(entry: Record<string, unknown>): string | undefined {
  const mode = entry.mode;
  if (mode === undefined) {
    const priced = entry.input_cost_per_token !== undefined || entry.output_cost_per_token !== undefined;
    return priced ? undefined : 'no mode and no token prices';
  }
  if (typeof mode !== 'string') return undefined; // let the schema report the bad field
  return KEPT_MODES.has(mode) ? undefined : `mode ${mode}`;
}

function isBundledShape(json: Record<string, unknown>): json is { source: unknown; models: Record<string, unknown> } {
  return isPlainObject(json.source) && isPlainObject(json.models);
}

function priceProblem(value: unknown): string | undefined {
  if (typeof value === 'number') return value < 0 ? `must not be negative (got ${value})` : undefined;
  if (isPlainObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner !== 'number') return `"${key}" must be a number (got ${describe(inner)})`;
      if (inner < 0) return `"${key}" must not be negative (got ${inner})`;
    }
    return undefined;
  }
  return `must be a number (got ${describe(value)})`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
