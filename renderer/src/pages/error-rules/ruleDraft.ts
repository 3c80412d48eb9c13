// An error rule as the form edits it (numbers as text, "" for "any") and the API body it becomes.
import type { ErrorRule, ErrorRuleCreate } from '../../../../shared/api-schemas';
import { DraftError, numberText, optionalNumber } from '../../components/form/fieldErrors';

export interface RuleDraft {
  pattern: string;
  match: 'regex' | 'contains';
  status: string;
  statusTo: string;
  providerId: string;
  format: string;
  action: 'failover' | 'return';
  nextProvider: boolean;
  countsForBreaker: boolean;
  clientStatus: string;
  clientMessage: string;
  priority: string;
  enabled: boolean;
  note: string;
}

export function draftOf(rule?: ErrorRule): RuleDraft {
  return {
    pattern: rule?.pattern ?? '',
    match: rule?.match ?? 'contains',
    status: numberText(rule?.status),
    statusTo: numberText(rule?.statusTo),
    providerId: rule?.providerId ?? '',
    format: rule?.format ?? '',
    action: rule?.action ?? 'failover',
    nextProvider: rule?.nextProvider ?? false,
    countsForBreaker: rule?.countsForBreaker ?? true,
    clientStatus: numberText(rule?.clientStatus),
    clientMessage: rule?.clientMessage ?? '',
    priority: numberText(rule?.priority ?? 100),
    enabled: rule?.enabled ?? true,
    note: rule?.note ?? '',
  };
}

export function bodyOf(d: RuleDraft): ErrorRuleCreate {
  const priority = optionalNumber(d.priority, 'priority', { integer: true });
  if (priority === null) throw new DraftError('priority', 'form.required');
  return {
    pattern: d.pattern,
    match: d.match,
    status: optionalNumber(d.status, 'status', { integer: true }),
    statusTo: optionalNumber(d.statusTo, 'statusTo', { integer: true }),
    providerId: d.providerId === '' ? null : d.providerId,
    format: d.format === '' ? null : (d.format as ErrorRuleCreate['format']),
    action: d.action,
    nextProvider: d.action === 'failover' && d.nextProvider,
    countsForBreaker: d.countsForBreaker,
    clientStatus: optionalNumber(d.clientStatus, 'clientStatus', { integer: true }),
    clientMessage: d.clientMessage.trim() === '' ? null : d.clientMessage.trim(),
    priority,
    enabled: d.enabled,
    note: d.note.trim() === '' ? null : d.note.trim(),
  };
}

/** "429", "500–999", or null for any status. */
export function statusText(r: Pick<ErrorRule, 'status' | 'statusTo'>): string | null {
  if (r.status === null) return null;
  return r.statusTo === null || r.statusTo === r.status ? String(r.status) : `${r.status}–${r.statusTo}`;
}
