// The caller context provider filters read during selection: groups and the request's live session.
import type { LiveSession } from '../limits/concurrency';
import type { SelectionInput } from './select';

/** The caller a selection is made for (SelectionInput.caller). */
export interface SelectionCaller {
  /** The caller's effective provider groups (groups.ts `effectiveGroups`). */
  groups: readonly string[];
  /** The request's live session (concurrency.ts): per-provider session limits count it once. */
  session?: LiveSession;
}

/** The caller of a selection, when the pipeline supplied one. */
export function callerOf(input: SelectionInput): SelectionCaller | undefined {
  return input.caller;
}
