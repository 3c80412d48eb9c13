// The hub's runtime model: a key with its user, and a provider with its decrypted key, as routing and limits read them.
import type { WireFormat } from '../../../shared/wire-formats';
import type { ClientRules } from '../clients/client-rules';
import type { JsonLimits, ModelRedirect, ModelRule } from '../db/schema';
import type { ProviderOverridePlan } from '../overrides/provider-overrides';

/** A provider's type is the wire format it speaks. */
export type ProviderType = WireFormat;

export interface KeyEntry {
  keyId: string;
  keyName: string;
  keyEnabled: boolean;
  keyExpiresAt: number | null;
  retiresAt: number | null;
  canLogin: boolean;
  keyGroups: string[] | null;
  keyLimits: JsonLimits;
  userId: string;
  userName: string;
  userRole: 'admin' | 'user';
  userEnabled: boolean;
  userExpiresAt: number | null;
  userGroups: string[];
  userAllowedModels: string[];
  userRpm: number | null;
  userLimits: JsonLimits;
  /** The user's and the key's client restrictions, checked in that order; empty when neither has any. */
  clientRules: readonly ClientRules[];
}

export interface ProviderTimeouts {
  connectMs: number;
  firstByteMs: number;
  idleMs: number;
  totalMs: number;
}

export interface ProviderRuntime {
  id: string;
  name: string;
  type: ProviderType;
  baseUrl: string;
  apiKey: string;
  enabled: boolean;
  priority: number;
  weight: number;
  costMultiplier: number;
  groups: string[];
  allowedModels: ModelRule[];
  modelRedirects: ModelRedirect[];
  schedule: { start: string; end: string } | null;
  limits: JsonLimits;
  attempts: number;
  sticky: boolean;
  breaker: { failureThreshold: number; openMs: number; halfOpenSuccesses: number; countNetworkErrors: boolean };
  timeouts: ProviderTimeouts;
  headers: Record<string, string>;
  proxyUrl: string | null;
  anthropicAuth: 'x-api-key' | 'bearer' | 'both';
  forwardClientIp: boolean;
  /** The provider's request overrides; null when it has none. */
  overrides: ProviderOverridePlan | null;
  /** The upstream serves the Responses API over WebSocket. */
  websocket: boolean;
  /** Client formats besides its own it serves through translation. */
  serves: readonly WireFormat[];
  /** Config fingerprint: the pool is reused across rebuilds while these stay the same. */
  poolKey: string;
}

/** The provider serves clients of `format`: its own, or one it opted in to through translation. */
export function servesFormat(p: ProviderRuntime, format: WireFormat): boolean {
  return p.type === format || p.serves.includes(format);
}
