// Guard stage, client restrictions: the user's and the key's allowed, blocked and minimum-version clients, checked
// (and the client recognised) only when either has any.
import { clientRefusal } from '../clients/client-rules';
import { recogniseClient } from '../clients/recognise-client';
import type { Exchange } from './exchange';
import type { Refusal } from './refusal';

export function refuseClient(ex: Exchange): Refusal | undefined {
  const rules = ex.entry.clientRules;
  if (rules.length === 0) return undefined;
  const client = recogniseClient(ex.req.headers);
  for (const r of rules) {
    const message = clientRefusal(r, client);
    if (message) return { status: 403, code: 'client_not_allowed', message, row: 'blocked', blockedBy: 'client' };
  }
  return undefined;
}
