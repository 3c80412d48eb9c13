// The hub's default error rules: the status classification every provider gets unless an admin edits them.
import type { ErrorRuleDef } from './rule';

type Builtin = Omit<ErrorRuleDef, 'createdAt' | 'updatedAt' | 'builtIn'>;

const base = {
  pattern: '',
  match: 'regex',
  statusTo: null,
  providerId: null,
  format: null,
  clientStatus: null,
  clientMessage: null,
  priority: 100,
  enabled: true,
} as const;

/**
 * In evaluation order. 429 moves on at once and does not count for the breaker (the provider is benched for its
 * retry-after instead); 401/403, 408 and 5xx are provider faults worth the provider's other attempts; 404 moves on at
 * once; any other status is the client's own error that no provider would answer differently: returned as it is.
 * The last rule has the highest priority there is, so an operator's rule at any priority is tried before it.
 */
const RULES: readonly Builtin[] = [
  {
    ...base,
    id: 'builtin.rate-limited',
    status: 429,
    action: 'failover',
    nextProvider: true,
    countsForBreaker: false,
    note: 'Rate limited: the next provider at once; benched for its retry-after.',
  },
  {
    ...base,
    id: 'builtin.unauthorized',
    status: 401,
    action: 'failover',
    nextProvider: false,
    countsForBreaker: true,
    note: "The provider refused the hub's key.",
  },
  {
    ...base,
    id: 'builtin.forbidden',
    status: 403,
    action: 'failover',
    nextProvider: false,
    countsForBreaker: true,
    note: 'The provider forbade the request.',
  },
  {
    ...base,
    id: 'builtin.not-found',
    status: 404,
    action: 'failover',
    nextProvider: true,
    countsForBreaker: true,
    note: 'The provider lacks the endpoint or model: the next provider at once.',
  },
  {
    ...base,
    id: 'builtin.request-timeout',
    status: 408,
    action: 'failover',
    nextProvider: false,
    countsForBreaker: true,
    note: 'The provider timed out.',
  },
  {
    ...base,
    id: 'builtin.server-error',
    status: 500,
    statusTo: 999,
    action: 'failover',
    nextProvider: false,
    countsForBreaker: true,
    note: 'A server error or overload (5xx, 529).',
  },
  {
    ...base,
    id: 'builtin.client-error',
    status: null,
    priority: 10_000,
    action: 'return',
    nextProvider: false,
    countsForBreaker: false,
    note: "Any other status: the client's own error, returned at once.",
  },
];

export const BUILTIN_ERROR_RULES: readonly ErrorRuleDef[] = RULES.map((r) => ({
  ...r,
  builtIn: true,
  createdAt: null,
  updatedAt: null,
}));

const ORDER = new Map(BUILTIN_ERROR_RULES.map((r, i) => [r.id, i]));

export function builtinRule(id: string): ErrorRuleDef | undefined {
  const i = ORDER.get(id);
  return i === undefined ? undefined : BUILTIN_ERROR_RULES[i];
}

/** A built-in's place in the default order (a stored id that is no longer built in goes last). */
export function builtinOrder(id: string): number {
  return ORDER.get(id) ?? ORDER.size;
}
