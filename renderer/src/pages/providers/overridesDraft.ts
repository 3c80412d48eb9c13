// A provider's request overrides as form state (values as JSON text) and back into the API's shape.
import type { ProviderOverrides } from '../../../../shared/api-schemas';
import { DraftError } from '../../components/form/fieldErrors';

export interface BodyOverrideDraft {
  op: 'set' | 'remove';
  path: string;
  /** JSON text; text that is not JSON is taken as a string. */
  value: string;
}

export interface HeaderOverrideDraft {
  op: 'set' | 'append' | 'remove';
  name: string;
  value: string;
}

export interface OverridesDraft {
  body: BodyOverrideDraft[];
  headers: HeaderOverrideDraft[];
}

export function overridesToDraft(o: ProviderOverrides | undefined): OverridesDraft {
  return {
    body: (o?.body ?? []).map((b) => ({
      op: b.op,
      path: b.path,
      value: b.value === undefined ? '' : JSON.stringify(b.value),
    })),
    headers: (o?.headers ?? []).map((h) => ({ op: h.op, name: h.name, value: h.value ?? '' })),
  };
}

function jsonOrString(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Empty rows are dropped; a row with a value but no path or name is an error. */
export function draftToOverrides(d: OverridesDraft): ProviderOverrides {
  const body = d.body.flatMap((b, i) => {
    const path = b.path.trim();
    if (path === '' && b.value.trim() === '') return [];
    if (path === '') throw new DraftError(`overrides.body.${i}`, 'form.required');
    return [b.op === 'set' ? { op: b.op, path, value: jsonOrString(b.value.trim()) } : { op: b.op, path }];
  });
  const headers = d.headers.flatMap((h, i) => {
    const name = h.name.trim();
    if (name === '' && h.value.trim() === '') return [];
    if (name === '') throw new DraftError(`overrides.headers.${i}`, 'form.required');
    return [h.op === 'remove' ? { op: h.op, name } : { op: h.op, name, value: h.value }];
  });
  return { body, headers };
}
