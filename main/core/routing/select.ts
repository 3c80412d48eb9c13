// Provider selection: eligible candidates, then lowest priority tier, then lowest cost multiplier, then weight at random.
import type { WireFormat } from '../formats';
import { type ProviderRuntime, servesFormat } from '../model/entities';
import type { DecisionNotes } from './decision-chain';
import type { SelectionCaller } from './selection-context';

export interface SelectionInput {
  format: WireFormat;
  model: string | undefined;
  /** Providers already tried for this request. */
  exclude: ReadonlySet<string>;
  /** The endpoint's name (a translating provider serves only some); absent for a model list. */
  endpoint?: string;
  /** Who is asking (groups, live session): read by governance filters; absent for unscoped lookups. */
  caller?: SelectionCaller;
}

/** A filter drops a provider for a reason the decision chain records (groups, model rules, breaker, limits…). */
export type CandidateFilter = (p: ProviderRuntime, input: SelectionInput) => string | null;

export type Random = () => number;

/** Narrows the eligible providers and records why others were dropped. */
export function eligibleProviders(
  providers: readonly ProviderRuntime[],
  input: SelectionInput,
  filters: readonly CandidateFilter[],
  notes: DecisionNotes | undefined,
): ProviderRuntime[] {
  const out: ProviderRuntime[] = [];
  for (const p of providers) {
    if (!servesFormat(p, input.format) || !p.enabled || input.exclude.has(p.id)) continue;
    let reason: string | null = null;
    for (const f of filters) {
      reason = f(p, input);
      if (reason) break;
    }
    if (reason) {
      notes?.note({ kind: 'filtered', providerId: p.id, providerName: p.name, reason });
      continue;
    }
    out.push(p);
  }
  return out;
}

/**
 * Lowest priority number, then a provider of the client's own format (`format`) before one that would translate,
 * then lowest cost multiplier, then weighted random inside that tier.
 */
export function pickProvider(
  candidates: readonly ProviderRuntime[],
  random: Random = Math.random,
  format?: WireFormat,
): ProviderRuntime | undefined {
  if (candidates.length === 0) return undefined;
  let tier: ProviderRuntime[] = [];
  let bestPriority = Number.POSITIVE_INFINITY;
  let bestForeign = 2;
  let bestMultiplier = Number.POSITIVE_INFINITY;
  for (const p of candidates) {
    const foreign = format !== undefined && p.type !== format ? 1 : 0;
    const better =
      p.priority < bestPriority ||
      (p.priority === bestPriority &&
        (foreign < bestForeign || (foreign === bestForeign && p.costMultiplier < bestMultiplier)));
    if (better) {
      bestPriority = p.priority;
      bestForeign = foreign;
      bestMultiplier = p.costMultiplier;
      tier = [p];
    } else if (p.priority === bestPriority && foreign === bestForeign && p.costMultiplier === bestMultiplier) {
      tier.push(p);
    }
  }
  if (tier.length === 1) return tier[0];
  let total = 0;
  for (const p of tier) total += Math.max(0, p.weight);
  if (total <= 0) return tier[Math.floor(random() * tier.length)];
  let r = random() * total;
  for (const p of tier) {
    r -= Math.max(0, p.weight);
    if (r < 0) return p;
  }
  return tier[tier.length - 1];
}
