// A provider's form, not yet saved, as the runtime the "Test" sends through: the create defaults, its own key or the
// saved provider's, and a connection pool of its own that is closed after the test.
import type { ProviderDraftTestBody } from '../../../shared/api-schemas';
import { PROVIDER_DEFAULTS } from '../../../shared/api-schemas';
import type { ProviderRuntime } from '../model/entities';
import { planOverrides } from '../overrides/provider-overrides';
import { createDispatcher } from '../routing/registry';

/** The runtime of a draft; `apiKey` is the draft's own key or, when it has none, the saved provider's. */
export function draftRuntime(body: ProviderDraftTestBody, apiKey: string): ProviderRuntime {
  const d = PROVIDER_DEFAULTS;
  const timeouts = { ...d.timeouts, ...definedOnly(body.timeouts ?? {}) };
  const proxyUrl = body.proxyUrl ?? null;
  return {
    id: body.providerId ?? 'draft',
    name: body.name,
    type: body.type,
    baseUrl: body.baseUrl,
    apiKey,
    enabled: body.enabled ?? d.enabled,
    priority: body.priority ?? d.priority,
    weight: body.weight ?? d.weight,
    costMultiplier: body.costMultiplier ?? d.costMultiplier,
    groups: body.groups ?? [],
    allowedModels: body.allowedModels ?? [],
    modelRedirects: body.modelRedirects ?? [],
    schedule: body.schedule ?? null,
    limits: {},
    attempts: body.attempts ?? d.attempts,
    sticky: body.sticky ?? d.sticky,
    breaker: { ...d.breaker, ...definedOnly(body.breaker ?? {}) },
    timeouts,
    headers: body.headers ?? {},
    proxyUrl,
    anthropicAuth: body.anthropicAuth ?? d.anthropicAuth,
    forwardClientIp: body.forwardClientIp ?? d.forwardClientIp,
    overrides: planOverrides(body.overrides),
    websocket: body.websocket ?? false,
    serves: body.serves ?? [],
    poolKey: `draft|${body.baseUrl}|${timeouts.connectMs}|${proxyUrl ?? ''}`,
  };
}

/** Runs `use` with a pool of the draft's own for `origin`, destroyed afterwards (a draft keeps no connections). */
export async function withDraftDispatcher<T>(
  p: ProviderRuntime,
  use: (dispatcher: ReturnType<typeof createDispatcher>) => Promise<T>,
): Promise<T> {
  const dispatcher = createDispatcher(p, new URL(p.baseUrl).origin);
  try {
    return await use(dispatcher);
  } finally {
    await dispatcher.destroy().catch(() => undefined);
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
