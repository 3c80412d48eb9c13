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
  if (error instanceof ApiRequestError) return matches(error.field, fields) ? error.message : undefined;
  return undefined;
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
