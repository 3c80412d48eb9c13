// The content rules section (rules.content): every rule by id, in the order the relay checks them.
import { ContentRuleExport } from '../../../../shared/config-document';
import { compileContentRegex } from '../../content-rules/content-regex';
import { fromIsoOrNull, toIso } from '../../store/iso';
import type { ContentRuleRecord } from '../../store/records';
import { changedFields, defineSection, type Problem } from './section';

function toItem(row: ContentRuleRecord): ContentRuleExport {
  const { id, match, pattern, enabled, note, createdAt } = row;
  return { id, match, pattern, enabled, note, createdAt: toIso(createdAt) };
}

/** An imported rule keeps the hub's creation time when it has the rule, else the exported one (the rules' order). */
function rowOf(item: ContentRuleExport, now: number, current: ContentRuleExport | undefined): ContentRuleRecord {
  const createdAt = fromIsoOrNull(current?.createdAt ?? item.createdAt ?? null) ?? now;
  return {
    id: item.id,
    match: item.match,
    pattern: item.pattern,
    enabled: item.enabled ?? true,
    note: item.note ?? '',
    createdAt,
    updatedAt: now,
  };
}

export const contentRulesSection = defineSection<ContentRuleExport>({
  path: 'rules.content',
  item: ContentRuleExport,
  id: (r) => r.id,
  label: (r) => `${r.match} "${r.pattern.length > 60 ? `${r.pattern.slice(0, 60)}…` : r.pattern}"`,
  export: (x) => x.ctx.store.contentRules.list().map(toItem),
  normalize: (x, item) => toItem(rowOf(item, x.now, undefined)),
  // The creation time only orders the rules: an import does not change it on a rule the hub has.
  diff: (_x, current, incoming) => changedFields(current, incoming, ['createdAt']),
  check: (_x, items) => {
    const problems: Problem[] = [];
    items.forEach((r, i) => {
      if (r.match !== 'regex') return;
      try {
        compileContentRegex(r.pattern);
      } catch (err) {
        problems.push({ field: `rules.content[${i}].pattern`, message: (err as Error).message });
      }
    });
    return problems;
  },
  apply: (x, item, current) => {
    x.ctx.store.configRows.putContentRule(rowOf(item, x.now, current));
  },
  reloads: ['content-rules'],
});
