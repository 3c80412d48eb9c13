// The caller context provider filters read during selection: groups and the request's live session.
import type { LiveSession } from '../limits/concurrency';
import type { SelectionInput } from './select';

/** Proposed as an optional `caller` field of SelectionInput; until then pass a `CallerSelectionInput`. */
export interface SelectionCaller {
  /** The caller's effective provider groups (groups.ts `effectiveGroups`). */
  groups: readonly string[];
  /** The request's live session (concurrency.ts): per-provider session limits count it once. */
  session?: LiveSession;
}

export type CallerSelectionInput = SelectionInput & { caller?: SelectionCaller };

/** The caller of a selection, when the pipeline supplied one. */
export function callerOf(input: SelectionInput): SelectionCaller | undefined {
  return (input as CallerSelectionInput).caller;
}
