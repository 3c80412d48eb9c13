// Maps a validation error — the API's (field "breaker.openMs"…) or the form's own — onto the field that caused it.
import { ApiRequestError } from '../../api/errors';
import type { MessageKey } from '../../i18n/catalogue';
import type { Translate } from '../../i18n/I18nProvider';

/** A form input the console itself refuses before calling the API. */
export class DraftError extends Error {
  override name = 'DraftError';
  constructor(
    readonly field: string,
    readonly messageKey: MessageKey,
  ) {
    super(messageKey);
  }
}

function matches(field: string | null | undefined, fields: readonly string[]): boolean {
  if (!field) return false;
  return fields.some((f) => field === f || field.startsWith(`${f}.`));
}

/** The message to show under a field when it (or a field inside it) was rejected. */
export function fieldError(error: unknown, t: Translate, ...fields: string[]): string | undefined {
  if (error instanceof DraftError) return matches(error.field, fields) ? t(error.messageKey) : undefined;
  if (error instanceof ApiRequestError) return matches(error.field, fields) ? apiFieldMessage(error, t) : undefined;
  return undefined;
}

/** The server's reason for a field, in the console's language; its own text only for a reason the console lacks. */
const REASONS: Record<string, MessageKey> = {
  required: 'form.required',
  too_small: 'form.atLeast',
  too_big: 'form.atMost',
  too_short: 'form.tooShort',
  too_long: 'form.tooLong',
  invalid_url: 'form.httpUrl',
  invalid_datetime: 'form.invalidDate',
  invalid_regex: 'form.invalidPattern',
  invalid_type: 'form.invalidValue',
  invalid_value: 'form.invalidChoice',
  in_past: 'form.expiryPast',
  invalid: 'form.invalidValue',
};

export function apiFieldMessage(error: ApiRequestError, t: Translate): string {
  const key = error.reason ? REASONS[error.reason] : undefined;
  if (!key) return error.message;
  if (key === 'form.atLeast' && error.limit === 0) return t('form.zeroOrMore');
  return t(key, { limit: error.limit ?? '' });
}

/** "" → null; a finite number → itself; anything else → DraftError naming the field. */
export function optionalNumber(text: string, field: string, options: { integer?: boolean } = {}): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) throw new DraftError(field, 'form.expectedNumber');
  if (options.integer && !Number.isInteger(value)) throw new DraftError(field, 'form.expectedInteger');
  return value;
}

export function requiredNumber(text: string, field: string, options: { integer?: boolean } = {}): number {
  const value = optionalNumber(text, field, options);
  if (value === null) throw new DraftError(field, 'form.required');
  return value;
}

export const numberText = (value: number | null | undefined): string =>
  value === null || value === undefined ? '' : String(value);
