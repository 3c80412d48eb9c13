// The error rules section (rules.error): the operator's rules and the built-in rules an admin edited, by id; a built-in
// never edited lives in the hub's code and is not exported, so an import gives the same rule list.
import { ErrorRuleExport } from '../../../../shared/config-document';
import { builtinOrder, builtinRule } from '../../error-rules/builtin-rules';
import { compareRules, type ErrorRuleRecord } from '../../error-rules/rule';
import { patternError } from '../../error-rules/rule-set';
import { fromIsoOrNull, toIso } from '../../store/iso';
import { changedFields, defineSection, type Problem } from './section';

function toItem(row: ErrorRuleRecord): ErrorRuleExport {
  const { updatedAt: _updatedAt, createdAt, ...fields } = row;
  return { ...fields, createdAt: toIso(createdAt) };
}

/** An imported rule keeps the hub's creation time when it has the rule, else the exported one (it orders equal ones). */
function rowOf(item: ErrorRuleExport, now: number, current: ErrorRuleExport | undefined): ErrorRuleRecord {
  const { createdAt: _createdAt, ...fields } = item;
  return { ...fields, createdAt: fromIsoOrNull(current?.createdAt ?? item.createdAt ?? null) ?? now, updatedAt: now };
}

/** What is wrong with one incoming rule: the field (within the rule) and why. */
function problemsOf(item: ErrorRuleExport, providerKnown: (id: string) => boolean): { at: string; message: string }[] {
  const out: { at: string; message: string }[] = [];
  const builtIn = builtinRule(item.id) !== undefined;
  if (item.builtIn && !builtIn) out.push({ at: 'id', message: `no built-in rule "${item.id}" on this hub` });
  if (!item.builtIn && builtIn) out.push({ at: 'builtIn', message: `"${item.id}" is a built-in rule's id` });
  const why = patternError(item.match, item.pattern);
  if (why !== undefined) out.push({ at: 'pattern', message: why });
  if (item.statusTo !== null && (item.status === null || item.statusTo < item.status)) {
    out.push({ at: 'statusTo', message: 'statusTo needs a status at or below it' });
  }
  if (item.providerId !== null && !providerKnown(item.providerId)) {
    out.push({ at: 'providerId', message: `no provider ${item.providerId} in the import or on this hub` });
  }
  return out;
}

export const errorRulesSection = defineSection<ErrorRuleExport>({
  path: 'rules.error',
  item: ErrorRuleExport,
  id: (r) => r.id,
  label: (r) => (r.builtIn ? `${r.id} (built-in, edited)` : r.note || `${r.action} on ${r.status ?? 'any status'}`),
  export: (x) =>
    x.ctx.store.errorRules
      .list()
      .sort((a, b) => compareRules(a, b, builtinOrder))
      .map(toItem),
  normalize: (x, item) => toItem(rowOf(item, x.now, undefined)),
  // The creation time only orders rules of equal priority: an import does not change it on a rule the hub has.
  diff: (_x, current, incoming) => changedFields(current, incoming, ['createdAt']),
  check: (x, items, incoming) => {
    const imported = new Set(incoming.items('providers').map((p) => (p as { id: string }).id));
    const known = (id: string) => imported.has(id) || x.ctx.store.providers.get(id) !== undefined;
    return items.flatMap((r, i) =>
      problemsOf(r, known).map((p): Problem => ({ field: `rules.error[${i}].${p.at}`, message: p.message })),
    );
  },
  apply: (x, item, current) => {
    x.ctx.store.errorRules.put(rowOf(item, x.now, current));
  },
  reloads: ['error-rules'],
});
