// The caller context provider filters read during selection: groups, the request's live session and cost estimate.
import type { LiveSession } from '../limits/concurrency';
import type { SpendEstimate } from '../limits/spend-estimate';
import type { SelectionInput } from './select';

/** The caller a selection is made for (SelectionInput.caller). */
export interface SelectionCaller {
  /** The caller's effective provider groups (groups.ts `effectiveGroups`). */
  groups: readonly string[];
  /** The request's live session (concurrency.ts): per-provider session limits count it once. */
  session?: LiveSession;
  /** What the request may cost per provider (spend-estimate.ts): a provider's spend windows admit it by this. */
  spend?: Pick<SpendEstimate, 'forProvider'>;
}

/** The caller of a selection, when the pipeline supplied one. */
export function callerOf(input: SelectionInput): SelectionCaller | undefined {
  return input.caller;
}
