// A hub key as form state and back into the API's create/update bodies (groups: null = the user's own).
import type { Key, KeyCreate } from '../../../../shared/api-schemas';
import { type ClientsDraft, clientsToDraft, draftToClients } from '../../components/form/clientsDraft';
import { isoToLocalInput, localInputToIso } from '../../components/form/dateTimeLocal';
import { DraftError } from '../../components/form/fieldErrors';
import { draftToLimits, type LimitsDraft, limitsToDraft } from '../../components/form/limitsDraft';

export interface KeyDraft {
  name: string;
  enabled: boolean;
  expiresAt: string;
  canLogin: boolean;
  overrideGroups: boolean;
  groups: string[];
  limits: LimitsDraft;
  clients: ClientsDraft;
}

export function keyToDraft(k?: Key): KeyDraft {
  return {
    name: k?.name ?? '',
    enabled: k?.enabled ?? true,
    expiresAt: isoToLocalInput(k?.expiresAt),
    canLogin: k?.canLogin ?? false,
    overrideGroups: Boolean(k?.groups),
    groups: [...(k?.groups ?? [])],
    limits: limitsToDraft(k?.limits),
    clients: clientsToDraft(k?.clients),
  };
}

export function draftToKey(d: KeyDraft, initialExpiresAt = ''): KeyCreate {
  const expiresAt = localInputToIso(d.expiresAt);
  if (expiresAt === undefined) throw new DraftError('expiresAt', 'form.invalidDate');
  // A new expiry already past is a mistake; the one the record has is resent unchanged.
  if (expiresAt !== null && d.expiresAt !== initialExpiresAt && Date.parse(expiresAt) < Date.now())
    throw new DraftError('expiresAt', 'form.expiryPast');
  return {
    name: d.name.trim(),
    enabled: d.enabled,
    expiresAt,
    canLogin: d.canLogin,
    groups: d.overrideGroups ? d.groups : null,
    limits: draftToLimits(d.limits),
    clients: draftToClients(d.clients),
  };
}
