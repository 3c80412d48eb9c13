// The prices section: the prices set by hand (the manual layer), which win over imported and bundled ones.
import { PriceOverrideExport } from '../../../../shared/config-document';
import { PriceDataSchema } from '../../billing/price-data';
import { defineSection, type Problem } from './section';

export const pricesSection = defineSection<PriceOverrideExport>({
  path: 'prices',
  item: PriceOverrideExport,
  id: (p) => p.model,
  label: (p) => p.model,
  export: (x) =>
    x.ctx.store.prices
      .stored()
      .filter((p) => p.source === 'manual')
      .map((p) => ({ model: p.model, priceData: p.data as Record<string, unknown> }))
      .sort((a, b) => a.model.localeCompare(b.model)),
  normalize: (_x, item) => {
    const parsed = PriceDataSchema.safeParse(item.priceData);
    return parsed.success ? { model: item.model, priceData: parsed.data as Record<string, unknown> } : item;
  },
  check: (_x, items) => {
    const problems: Problem[] = [];
    items.forEach((p, i) => {
      const parsed = PriceDataSchema.safeParse(p.priceData);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const at = ['priceData', ...(issue?.path.map(String) ?? [])].join('.');
        problems.push({ field: `prices[${i}].${at}`, message: issue?.message ?? 'invalid' });
      }
    });
    return problems;
  },
  apply: (x, item) => {
    x.ctx.store.prices.upsertManual(item.model, PriceDataSchema.parse(item.priceData), x.now);
  },
  reloads: ['prices'],
});
