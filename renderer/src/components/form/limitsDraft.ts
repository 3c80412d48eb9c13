// Spend limits as form text and back: an empty field is unlimited (null clears it in a PATCH).
import type { Limits } from '../../../../shared/api-schemas';
import { numberText, optionalNumber } from './fieldErrors';

export const SPEND_FIELDS = ['fiveHourUsd', 'dailyUsd', 'weeklyUsd', 'monthlyUsd', 'totalUsd'] as const;
export type SpendField = (typeof SPEND_FIELDS)[number];

export interface LimitsDraft extends Record<SpendField, string> {
  concurrentSessions: string;
  fiveHourMode: '' | 'rolling' | 'fixed';
  dailyMode: '' | 'fixed' | 'rolling';
  dailyResetTime: string;
}

export function limitsToDraft(limits: Limits | undefined): LimitsDraft {
  const l = limits ?? {};
  return {
    fiveHourUsd: numberText(l.fiveHourUsd),
    dailyUsd: numberText(l.dailyUsd),
    weeklyUsd: numberText(l.weeklyUsd),
    monthlyUsd: numberText(l.monthlyUsd),
    totalUsd: numberText(l.totalUsd),
    concurrentSessions: numberText(l.concurrentSessions),
    fiveHourMode: l.fiveHourMode ?? '',
    dailyMode: l.dailyMode ?? '',
    dailyResetTime: l.dailyResetTime ?? '',
  };
}

/** Every field present: null where the form is empty, so a PATCH clears what the admin emptied. */
export function draftToLimits(draft: LimitsDraft): Limits {
  const limits: Limits = {};
  for (const field of SPEND_FIELDS) limits[field] = optionalNumber(draft[field], `limits.${field}`);
  limits.concurrentSessions = optionalNumber(draft.concurrentSessions, 'limits.concurrentSessions', { integer: true });
  limits.fiveHourMode = draft.fiveHourMode === '' ? null : draft.fiveHourMode;
  limits.dailyMode = draft.dailyMode === '' ? null : draft.dailyMode;
  limits.dailyResetTime = draft.dailyResetTime.trim() === '' ? null : draft.dailyResetTime.trim();
  return limits;
}
