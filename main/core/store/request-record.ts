// The finished-request record: what the relay hands to the log, the journal blob's shape, and the requests row.
import type { DecisionStep } from '../model/decision';

export interface RequestRecord {
  id: string;
  createdAt: number;
  userId: string | null;
  keyId: string | null;
  providerId: string | null;
  format: string;
  endpoint: string;
  model: string | null;
  upstreamModel: string | null;
  stream: boolean;
  status: number;
  errorClass: string | null;
  errorMessage: string | null;
  blockedBy: string | null;
  /** How the client sent it (a WebSocket turn is one row). */
  transport: 'http' | 'websocket';
  ttfbMs: number | null;
  durationMs: number;
  inputTokens: number;
  outputTokens: number;
  cacheWrite5mTokens: number;
  cacheWrite1hTokens: number;
  cacheReadTokens: number;
  /** null when the model has no known price. */
  costUsd: number | null;
  /** What cache reads saved versus full input price (USD), for the rollups' cache analytics. */
  cacheSavingsUsd: number;
  /** Charged to quota windows and the usage ledger. */
  billed: boolean;
  /** The client's format when the provider spoke another; null otherwise. */
  translatedFrom: string | null;
  sessionId: string | null;
  userAgent: string | null;
  clientIp: string | null;
  decisionChain: DecisionStep[];
}

/** A billed request with a cost: it gets a usage-ledger row and is charged to the quota windows. */
export function isCharged(r: RequestRecord): r is RequestRecord & { costUsd: number } {
  return r.billed && r.costUsd !== null && r.costUsd > 0;
}
