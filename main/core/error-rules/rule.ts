// An error rule as the hub evaluates it: the stored row's fields, built-in or the operator's own.
import type { errorRules } from '../db/schema';

type Row = typeof errorRules.$inferSelect;

/** A rule with its times (null for a built-in never edited: it has no row). */
export type ErrorRuleDef = Omit<Row, 'createdAt' | 'updatedAt'> & {
  createdAt: number | null;
  updatedAt: number | null;
};

/** The stored row of a rule (the operator's, or an edited built-in). */
export type ErrorRuleRecord = Row;

/** What a rule may set: the API's create/update fields. */
export type ErrorRuleFields = Omit<ErrorRuleDef, 'id' | 'builtIn' | 'createdAt' | 'updatedAt'>;

/** Evaluation order: lower priority first; the operator's before the built-ins at equal priority; then oldest first. */
export function compareRules(a: ErrorRuleDef, b: ErrorRuleDef, builtInOrder: (id: string) => number): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  if (a.builtIn !== b.builtIn) return a.builtIn ? 1 : -1;
  if (a.builtIn) return builtInOrder(a.id) - builtInOrder(b.id);
  return (a.createdAt ?? 0) - (b.createdAt ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
