// The reactive fixes: an upstream 400 one of them recognises is retried once on the same provider, body corrected.
import type { WireFormat } from '../../../../shared/wire-formats';
import type { HubSettings } from '../../store/records';
import { BodyMembers } from './body-members';
import type { ReactiveFix } from './reactive-fix';
import { responsesInputFix } from './responses-input';
import { thinkingBudgetFix } from './thinking-budget';
import { thinkingSignatureFix } from './thinking-signature';

/** Which fixes are on (settings `fixThinkingSignature`, `fixThinkingBudget`, `fixResponsesInput`). */
export interface FixSwitches {
  thinkingSignature: boolean;
  thinkingBudget: boolean;
  responsesInput: boolean;
}

/** The switches as the settings hold them. */
export function fixSwitchesOf(s: HubSettings): FixSwitches {
  return {
    thinkingSignature: s.fixThinkingSignature,
    thinkingBudget: s.fixThinkingBudget,
    responsesInput: s.fixResponsesInput,
  };
}

const FIXES: readonly { fix: ReactiveFix; on: (s: FixSwitches) => boolean }[] = [
  { fix: thinkingSignatureFix, on: (s) => s.thinkingSignature },
  { fix: thinkingBudgetFix, on: (s) => s.thinkingBudget },
  { fix: responsesInputFix, on: (s) => s.responsesInput },
];

/** Error bodies longer than this are not read for a fix (real ones are a few hundred bytes). */
const MAX_FIX_ERROR_BYTES = 16 * 1024;

/** The fix a 400 calls for, by name, for the tester (whether the request allows it is not known there). */
export function fixFor(format: string | undefined, status: number, errorText: string): string | undefined {
  if (status !== 400) return undefined;
  return FIXES.find(({ fix }) => (format === undefined || fix.format === format) && fix.recognises(errorText))?.fix
    .name;
}

/**
 * The corrected body for one more try of the same provider, or undefined. `sent`: the body this provider was sent;
 * `used`: the fixes this request already used (each applies at most once per request).
 */
export function reactiveFix(
  format: WireFormat,
  sent: Buffer,
  used: ReadonlySet<string> | undefined,
  switches: FixSwitches | undefined,
  status: number,
  errorBody: Buffer,
): { fix: string; body: Buffer } | undefined {
  if (status !== 400 || !switches || errorBody.length > MAX_FIX_ERROR_BYTES) return undefined;
  let text: string | undefined;
  for (const { fix, on } of FIXES) {
    if (fix.format !== format || !on(switches) || used?.has(fix.name)) continue;
    text ??= errorBody.toString('utf8');
    if (!fix.recognises(text)) continue;
    const members = BodyMembers.of(sent);
    const body = members && fix.correct(members);
    if (body) return { fix: fix.name, body };
  }
  return undefined;
}
