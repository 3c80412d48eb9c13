// The state every entity form shares: the draft being edited, the last error, the busy flag, and field errors.
import { useState } from 'react';
import { useT } from '../../i18n/I18nProvider';
import { fieldError } from './fieldErrors';

export function useDraftForm<D extends object>(initial: () => D) {
  const t = useT();
  const [draft, setDraft] = useState<D>(initial);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  /** Sets one field of the draft. */
  const set = <K extends keyof D>(field: K, value: D[K]) => setDraft((d) => ({ ...d, [field]: value }));
  /** The message to show under a field when the form's own check or the server rejected it (or a field inside it). */
  const fe = (...fields: string[]) => fieldError(error, t, ...fields);
  return { t, draft, error, setError, busy, setBusy, set, fe };
}
