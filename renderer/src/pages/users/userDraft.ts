// A user as form state and back into the API's create/update bodies.
import type { User, UserCreate, UserRole } from '../../../../shared/api-schemas';
import { type ClientsDraft, clientsToDraft, draftToClients } from '../../components/form/clientsDraft';
import { isoToLocalInput, localInputToIso } from '../../components/form/dateTimeLocal';
import { DraftError, numberText, optionalNumber } from '../../components/form/fieldErrors';
import { draftToLimits, type LimitsDraft, limitsToDraft } from '../../components/form/limitsDraft';

export interface UserDraft {
  name: string;
  note: string;
  role: UserRole;
  enabled: boolean;
  expiresAt: string;
  groups: string[];
  allowedModels: string[];
  rpm: string;
  limits: LimitsDraft;
  clients: ClientsDraft;
}

export function userToDraft(u?: User): UserDraft {
  return {
    name: u?.name ?? '',
    note: u?.note ?? '',
    role: u?.role ?? 'user',
    enabled: u?.enabled ?? true,
    expiresAt: isoToLocalInput(u?.expiresAt),
    groups: [...(u?.groups ?? [])],
    allowedModels: [...(u?.allowedModels ?? [])],
    rpm: numberText(u?.rpm),
    limits: limitsToDraft(u?.limits),
    clients: clientsToDraft(u?.clients),
  };
}

/** The same body serves create and update: every field present, emptied limits sent as null. */
export function draftToUser(d: UserDraft, initialExpiresAt = ''): UserCreate {
  const expiresAt = localInputToIso(d.expiresAt);
  if (expiresAt === undefined) throw new DraftError('expiresAt', 'form.invalidDate');
  // A new expiry already past is a mistake; the one the record has is resent unchanged.
  if (expiresAt !== null && d.expiresAt !== initialExpiresAt && Date.parse(expiresAt) < Date.now())
    throw new DraftError('expiresAt', 'form.expiryPast');
  return {
    name: d.name.trim(),
    note: d.note,
    role: d.role,
    enabled: d.enabled,
    expiresAt,
    groups: d.groups,
    allowedModels: d.allowedModels,
    rpm: optionalNumber(d.rpm, 'rpm', { integer: true }),
    limits: draftToLimits(d.limits),
    clients: draftToClients(d.clients),
  };
}
