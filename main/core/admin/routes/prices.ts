// Admin routes for prices: search the effective table, one model's entry, manual edits, LiteLLM imports.
import { z } from 'zod';
import {
  Price,
  PriceImportResult,
  PriceImportUrl,
  PriceList,
  PriceListQuery,
  PriceUpdate,
} from '../../../../shared/api-schemas';
import { PriceDataSchema } from '../../billing/price-data';
import { diffPrices } from '../../billing/price-diff';
import type { PriceEntry } from '../../billing/price-table';
import { redactSecrets } from '../../logger';
import { toIsoOrNull } from '../../store/iso';
import { recordAudit } from '../audit';
import { ApiError, notFound } from '../errors';
import { type AdminApi, defineRoute } from '../openapi';
import {
  fetchPriceFile,
  type PriceFetchLimits,
  parseJsonText,
  parsePriceFile,
  readImportSource,
} from '../price-import';

const ModelParams = z.strictObject({ model: z.string().min(1).max(500) });

/** A search cursor is the last model name of the previous page, base64url. */
const encodeAfter = (model: string) => Buffer.from(model, 'utf8').toString('base64url');
function decodeAfter(cursor: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw new ApiError(400, 'invalid_field', 'invalid value for "cursor": not a cursor this API issued', 'cursor');
  }
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

export function registerPriceRoutes(api: AdminApi, fetchLimits: PriceFetchLimits): void {
  const toApi = (entry: PriceEntry): Price => {
    const updatedAt =
      entry.source === 'bundled' ? undefined : api.ctx.store.prices.updatedAt(entry.model, entry.source);
    return { model: entry.model, source: entry.source, priceData: entry.data, updatedAt: toIsoOrNull(updatedAt) };
  };

  defineRoute(api, {
    method: 'get',
    path: '/prices',
    auth: 'user',
    summary: 'Search the effective price table',
    description:
      'Sorted by model name; `search` is a case-insensitive substring of the model or its `litellm_provider`. ' +
      'Each model appears once, from its winning layer (manual > import > bundled).',
    query: PriceListQuery,
    responses: { 200: PriceList },
    handler: ({ ctx, query }) => {
      const after = query.cursor === undefined ? undefined : decodeAfter(query.cursor);
      const page = ctx.prices.search(query.search ?? '', query.limit ?? 50, after);
      return {
        items: page.items.map(toApi),
        nextCursor: page.nextAfter === null ? null : encodeAfter(page.nextAfter),
      };
    },
  });

  defineRoute(api, {
    method: 'post',
    path: '/prices/import',
    auth: 'admin',
    summary: 'Import a LiteLLM price file (URL or upload)',
    description:
      "Replaces the import layer with the file's chat, responses and completion entries; manual entries still " +
      'win. Send `{ "url": "https://…" }` (fetched with a timeout and a size cap), the file itself as the JSON ' +
      'body, or a multipart/form-data upload with a `file` part. A malformed file is a 400 naming the first bad ' +
      'entry, and nothing changes. Reports what was added, changed, unchanged and removed.',
    rawBody: {
      description: 'a URL to fetch, or the LiteLLM model_prices_and_context_window.json itself',
      content: {
        'application/json': { schema: z.union([PriceImportUrl, z.record(z.string(), z.unknown())]) },
        'multipart/form-data': { schema: z.object({ file: z.string().meta({ format: 'binary' }) }) },
      },
    },
    responses: { 200: PriceImportResult },
    handler: async (input) => {
      const { ctx, req } = input;
      const { source, json: inline } = await readImportSource(req);
      const json =
        source.kind === 'url'
          ? parseJsonText(await fetchPriceFile(source.url, fetchLimits))
          : (inline ?? parseJsonText(source.text));
      const parsed = parsePriceFile(json);
      const diff = diffPrices(ctx.prices.layer('import'), parsed.models);
      const unchanged = new Set([...parsed.models.keys()].filter((m) => ctx.prices.layer('import').has(m)));
      for (const m of diff.changed) unchanged.delete(m);
      ctx.store.prices.replaceImported(parsed.models, unchanged, ctx.clock.now());
      ctx.notifyChanged('prices');
      const result = { ...diff, models: parsed.models.size, skipped: parsed.skipped.length };
      recordAudit(
        input,
        'prices.import',
        source.kind === 'url' ? redactSecrets(source.url.split('?')[0] ?? '') : null,
        null,
        {
          from: source.kind === 'url' ? 'url' : source.name,
          models: result.models,
          added: diff.added.length,
          changed: diff.changed.length,
          unchanged: diff.unchanged,
          removed: diff.removed.length,
        },
      );
      return result;
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/prices/{*model}',
    auth: 'user',
    summary: "A model's effective price",
    description:
      'The model name may contain "/" and "." — send it as is or percent-encoded (`anthropic%2Fclaude-x`). Matching ' +
      "is the price table's (exact, then case-insensitive, then with leading vendor/ segments stripped); `model` in " +
      'the answer is the table name that matched. `updatedAt` is null for bundled entries.',
    params: ModelParams,
    responses: { 200: Price },
    handler: ({ ctx, params }) => {
      const entry = ctx.prices.lookup(params.model);
      if (!entry) throw notFound(`a price for model "${redactSecrets(params.model)}"`);
      return toApi(entry);
    },
  });

  defineRoute(api, {
    method: 'put',
    path: '/prices/{*model}',
    auth: 'admin',
    summary: "Set a model's price by hand",
    description:
      'Stores a manual entry under exactly this model name; it wins over imported and bundled prices. LiteLLM ' +
      'field names, USD per token; at least one of input_cost_per_token, output_cost_per_token or ' +
      'input_cost_per_request.',
    params: ModelParams,
    body: PriceUpdate,
    responses: { 200: Price },
    handler: (input) => {
      const { ctx, params, body } = input;
      const parsed = PriceDataSchema.safeParse(body.priceData);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = ['priceData', ...(issue?.path.map(String) ?? [])].join('.');
        throw new ApiError(400, 'invalid_field', `invalid value for "${field}": ${issue?.message ?? 'invalid'}`, field);
      }
      const data = parsed.data;
      if (
        data.input_cost_per_token === undefined &&
        data.output_cost_per_token === undefined &&
        data.input_cost_per_request === undefined
      ) {
        throw new ApiError(
          400,
          'invalid_field',
          'invalid value for "priceData": give input_cost_per_token, output_cost_per_token or input_cost_per_request',
          'priceData',
        );
      }
      const before = ctx.prices.get(params.model);
      ctx.store.prices.upsertManual(params.model, data, ctx.clock.now());
      ctx.notifyChanged('prices');
      recordAudit(
        input,
        'price.update',
        params.model,
        before ? { source: before.source, priceData: before.data } : null,
        { source: 'manual', priceData: data },
      );
      return {
        model: params.model,
        source: 'manual',
        priceData: data,
        updatedAt: toIsoOrNull(ctx.store.prices.updatedAt(params.model, 'manual')),
      };
    },
  });
}
