// Spend limits as stored (a sparse JSON object: absent = unlimited) and how an API create/patch maps onto them.
import type { Limits } from '../../../shared/api-schemas';
import type { JsonLimits } from '../db/schema';

/** The stored form of API limits: null entries are dropped (absent and null both mean unlimited/default). */
export function limitsFromApi(limits: Limits | undefined): JsonLimits {
  return mergeLimits({}, limits);
}

/** A PATCH: given fields replace, null clears, absent fields keep their value; a null patch clears every limit. */
export function mergeLimits(current: JsonLimits, patch: Limits | null | undefined): JsonLimits {
  if (patch === null) return {};
  const out: Record<string, unknown> = { ...current };
  if (patch) {
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) delete out[field];
      else out[field] = value;
    }
  }
  return out as JsonLimits;
}
