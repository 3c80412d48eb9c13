// Admin routes for prices: one model's effective price entry (manual > import > bundled).
import { z } from 'zod';
import { Price } from '../../../../shared/api-schemas';
import { redactSecrets } from '../../logger';
import { toIsoOrNull } from '../../store/iso';
import { priceUpdatedAt } from '../../store/prices';
import { notFound } from '../errors';
import { type AdminApi, defineRoute } from '../openapi';

export function registerPriceRoutes(api: AdminApi): void {
  defineRoute(api, {
    method: 'get',
    path: '/prices/{*model}',
    auth: 'user',
    summary: "A model's effective price",
    description:
      'The model name may contain "/" and "." — send it as is or percent-encoded (`anthropic%2Fclaude-x`). Matching ' +
      "is the price table's (exact, then case-insensitive, then with leading vendor/ segments stripped); `model` in " +
      'the answer is the table name that matched. `updatedAt` is null for bundled entries.',
    params: z.strictObject({ model: z.string().min(1).max(500) }),
    responses: { 200: Price },
    handler: ({ ctx, params }) => {
      const entry = ctx.prices.lookup(params.model);
      if (!entry) throw notFound(`a price for model "${redactSecrets(params.model)}"`);
      const updatedAt =
        entry.source === 'bundled' ? undefined : priceUpdatedAt(ctx.database.db, entry.model, entry.source);
      return { model: entry.model, source: entry.source, priceData: entry.data, updatedAt: toIsoOrNull(updatedAt) };
    },
  });
}
