// A configuration import: what each incoming object would do to this hub (the dry run), then all of it in one transaction.
import type { ConfigChange } from '../../../shared/config-document';
import {
  type ConfigSection,
  changedFields,
  type IncomingDocument,
  type Problem,
  type Reload,
  type SectionContext,
} from './sections/section';

interface Step {
  section: ConfigSection;
  item: object;
  current: object | undefined;
}

export interface ImportPlan {
  changes: ConfigChange[];
  /** Refusals: the import applies nothing while there is one. */
  problems: Problem[];
  /** Applies every create and update in one transaction, then rebuilds what the hub keeps in memory. */
  apply(): void;
}

/** Two incoming items of one section with the same id. */
function duplicateIds(section: ConfigSection, items: readonly object[]): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  items.forEach((item, i) => {
    const id = section.id(item);
    if (seen.has(id)) problems.push({ field: `${section.path}[${i}]`, message: `a second item with id "${id}"` });
    seen.add(id);
  });
  return problems;
}

export function planImport(
  x: SectionContext,
  sections: readonly ConfigSection[],
  incoming: IncomingDocument,
): ImportPlan {
  const changes: ConfigChange[] = [];
  const problems: Problem[] = [];
  const steps: Step[] = [];
  for (const section of sections) {
    const items = incoming.items(section.path);
    if (items.length === 0) continue;
    if (!section.skip) {
      problems.push(...duplicateIds(section, items), ...(section.check?.(x, items, incoming) ?? []));
    }
    const current = new Map(section.export(x).map((item) => [section.id(item), item]));
    for (const raw of items) {
      const id = section.id(raw);
      const base = { section: section.path, id, name: section.label(raw) };
      if (section.skip) {
        changes.push({ ...base, action: 'skip', note: section.skip });
        continue;
      }
      const item = section.normalize ? section.normalize(x, raw) : raw;
      const existing = current.get(id);
      const note = section.note?.(x, item, existing);
      const withNote = note === undefined ? {} : { note };
      if (existing === undefined) {
        changes.push({ ...base, action: 'create', ...withNote });
        steps.push({ section, item, current: undefined });
        continue;
      }
      const fields = section.diff ? section.diff(x, existing, item) : defaultDiff(existing, item);
      if (fields.length === 0) {
        changes.push({ ...base, action: 'unchanged' });
        continue;
      }
      changes.push({ ...base, action: 'update', fields, ...withNote });
      steps.push({ section, item, current: existing });
    }
  }
  return {
    changes,
    problems,
    apply: () => {
      if (steps.length === 0) return;
      x.ctx.store.configRows.atomically(() => {
        for (const step of steps) step.section.apply?.(x, step.item, step.current);
      });
      const reloads = new Set<Reload>(steps.flatMap((s) => s.section.reloads));
      for (const what of reloads) x.ctx.notifyChanged(what);
    },
  };
}

const defaultDiff = (current: object, incoming: object): string[] => changedFields(current, incoming);

/** Counts per action, for the answer and the audit entry. */
export function summarize(changes: readonly ConfigChange[]): Record<ConfigChange['action'], number> {
  const summary = { create: 0, update: 0, unchanged: 0, skip: 0 };
  for (const c of changes) summary[c.action]++;
  return summary;
}
