// Why selection found no provider, summarised by category for the client (providers are never named to it).
import type { WireFormat } from '../formats';
import type { DecisionStep } from '../model/decision';

/** Why nothing could be chosen, by category — never naming providers (the client may not be an admin). */
export function noProviderMessage(format: WireFormat, model: string, steps: readonly DecisionStep[]): string {
  const counts = new Map<string, number>();
  for (const s of steps) {
    if (s.kind !== 'filtered' || !s.reason) continue;
    const category = FILTER_CATEGORIES.find(([re]) => re.test(s.reason as string))?.[1] ?? 'unavailable';
    counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  if (counts.size === 0) return `no provider serves ${format} requests`;
  const parts = [...counts].map(([category, n]) => `${n} ${category}`);
  return `no provider available for model ${model}: ${parts.join(', ')}`;
}

const FILTER_CATEGORIES: [RegExp, string][] = [
  [/circuit open/, 'open-circuited'],
  [/rate-limited/, 'rate-limited by the upstream'],
  [/spend limit|concurrent sessions/, 'over their limits'],
  [/does not serve model/, 'not serving this model'],
  [/outside its schedule/, 'outside their schedule'],
  [/caller's groups/, "outside the caller's groups"],
];
