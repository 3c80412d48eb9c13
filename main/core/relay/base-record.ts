// The part of a relayed request's log record known before its outcome.
import type { WireFormat } from '../formats';
import type { RequestRecord } from '../store/request-record';

/** Everything known about a request before its outcome. */
export interface BaseRecord {
  id: string;
  createdAt: number;
  userId: string;
  keyId: string;
  format: WireFormat;
  endpoint: string;
  model: string;
  stream: boolean;
  sessionId: string;
  userAgent: string | null;
  clientIp: string | null;
  transport: 'http' | 'websocket';
  decisionChain: RequestRecord['decisionChain'];
}
