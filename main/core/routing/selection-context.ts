// The caller context provider filters read during selection: groups, the request's live session and cost estimate.
import type { ProviderRuntime } from '../model/entities';

/** The caller a selection is made for (SelectionInput.caller). */
export interface SelectionCaller {
  /** The caller's effective provider groups (groups.ts `effectiveGroups`). */
  groups: readonly string[];
  /** The request's live session (sessions/): per-provider session limits count it once on its current provider. */
  session?: { readonly providerId: string | null };
  /** Nano-USD the request may cost at a provider (limits/spend-estimate.ts): its spend windows admit it by this. */
  spend?: { forProvider(p: ProviderRuntime): number };
}

/** The caller of a selection, when the pipeline supplied one. */
export function callerOf(input: { readonly caller?: SelectionCaller }): SelectionCaller | undefined {
  return input.caller;
}
