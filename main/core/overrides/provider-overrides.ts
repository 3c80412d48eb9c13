// A provider's request overrides as the relay applies them: the body plan, the header plan, one chain summary.
import type { JsonOverrides } from '../db/schema';
import { type BodyOverridePlan, planBodyOverrides } from './body-overrides';
import { type HeaderOverridePlan, planHeaderOverrides } from './header-overrides';

export interface ProviderOverridePlan {
  body: BodyOverridePlan | null;
  headers: HeaderOverridePlan | null;
  /** What the decision chain says: `body: set max_tokens; headers: append anthropic-beta`. */
  summary: string;
}

/** null when the provider has no overrides (the relay then does nothing at all for them). */
export function planOverrides(overrides: JsonOverrides | null | undefined): ProviderOverridePlan | null {
  const body = planBodyOverrides(overrides?.body);
  const headers = planHeaderOverrides(overrides?.headers);
  if (!body && !headers) return null;
  const parts: string[] = [];
  if (body) parts.push(`body: ${body.summary}`);
  if (headers) parts.push(`headers: ${headers.summary}`);
  return { body, headers, summary: parts.join('; ') };
}
