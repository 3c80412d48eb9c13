// GET /v1/models and /v1beta/models: the models a caller may use, in the asking client's own list shape (SPEC §1).
import type { IncomingHttpHeaders } from 'node:http';
import type { PriceTable } from '../billing/price-table';
import type { Clock } from '../clock';
import type { ProviderRuntime, ProviderType, RoutingRegistry } from '../routing/registry';
import { upstreamHeaders } from './upstream-headers';
import { joinUpstreamUrl } from './upstream-url';

export type ListShape = 'anthropic' | 'openai' | 'gemini';

/** Anthropic clients send anthropic-version; Gemini clients use /v1beta or x-goog-api-key; everyone else is OpenAI. */
export function listShapeFor(path: string, headers: IncomingHttpHeaders): ListShape {
  if (path.startsWith('/v1beta/') || headers['x-goog-api-key']) return 'gemini';
  if (headers['anthropic-version']) return 'anthropic';
  return 'openai';
}

export const TYPES_FOR_SHAPE: Record<ListShape, ProviderType[]> = {
  anthropic: ['anthropic'],
  openai: ['openai-chat', 'openai-responses'],
  gemini: ['gemini'],
};

/** LiteLLM `litellm_provider` values of each provider type's vendor (the last-resort list). */
const VENDOR_OF: Record<ProviderType, string> = {
  anthropic: 'anthropic',
  'openai-chat': 'openai',
  'openai-responses': 'openai',
  gemini: 'gemini',
};

const CACHE_MS = 5 * 60_000;
const FETCH_TIMEOUT_MS = 5000;

export class ModelCatalog {
  private readonly cache = new Map<string, { at: number; ids: string[] }>();

  constructor(
    private readonly registry: RoutingRegistry,
    private readonly prices: PriceTable,
    private readonly clock: Clock,
  ) {}

  /** The union of the providers' model ids: their exact allowlist, else the upstream's list, else the vendor's priced models. */
  async modelsFor(providers: readonly ProviderRuntime[]): Promise<string[]> {
    const lists = await Promise.all(providers.map((p) => this.providerModels(p)));
    const ids = new Set<string>();
    for (const list of lists) for (const id of list) ids.add(id);
    return [...ids].sort();
  }

  private async providerModels(p: ProviderRuntime): Promise<string[]> {
    const exact = p.allowedModels.filter((r) => r.match === 'exact').map((r) => r.pattern);
    if (exact.length > 0 && exact.length === p.allowedModels.length) return exact;
    const upstream = await this.upstreamModels(p);
    const ids = upstream.length > 0 ? upstream : this.vendorModels(p.type);
    return exact.length > 0 ? [...new Set([...exact, ...ids])] : ids;
  }

  private vendorModels(type: ProviderType): string[] {
    const vendor = VENDOR_OF[type];
    const out: string[] = [];
    for (const [model, data] of this.prices.layer('bundled')) {
      if (data.litellm_provider === vendor && !model.includes('/')) out.push(model);
    }
    return out;
  }

  private async upstreamModels(p: ProviderRuntime): Promise<string[]> {
    const hit = this.cache.get(p.id);
    if (hit && this.clock.now() - hit.at < CACHE_MS) return hit.ids;
    let ids: string[] = [];
    try {
      const listPath = p.type === 'gemini' ? '/v1beta/models' : '/v1/models';
      const { origin, path } = joinUpstreamUrl(p.baseUrl, listPath, '');
      const headers = upstreamHeaders({}, p, 0, undefined);
      delete headers['content-length'];
      const res = await this.registry.dispatcher(p, origin).request({
        origin,
        method: 'GET',
        path,
        headers,
        headersTimeout: FETCH_TIMEOUT_MS,
        bodyTimeout: FETCH_TIMEOUT_MS,
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
      const text = await res.body.text();
      if (res.statusCode === 200) ids = parseModelIds(text);
    } catch {
      ids = [];
    }
    this.cache.set(p.id, { at: this.clock.now(), ids });
    return ids;
  }
}

/** Model ids from an Anthropic/OpenAI (`data[].id`) or Gemini (`models[].name`) list body. */
export function parseModelIds(text: string): string[] {
  try {
    const j = JSON.parse(text) as { data?: { id?: unknown }[]; models?: { name?: unknown }[] };
    if (Array.isArray(j.data)) return j.data.map((m) => m.id).filter((id): id is string => typeof id === 'string');
    if (Array.isArray(j.models)) {
      return j.models
        .map((m) => m.name)
        .filter((n): n is string => typeof n === 'string')
        .map((n) => n.replace(/^models\//, ''));
    }
  } catch {
    // not a model list
  }
  return [];
}

/** The list body in the asking client's shape. */
export function renderModelList(shape: ListShape, ids: readonly string[]): Buffer {
  const created = '2025-01-01T00:00:00Z';
  switch (shape) {
    case 'anthropic':
      return Buffer.from(
        JSON.stringify({
          data: ids.map((id) => ({ type: 'model', id, display_name: id, created_at: created })),
          has_more: false,
          first_id: ids[0] ?? null,
          last_id: ids[ids.length - 1] ?? null,
        }),
      );
    case 'gemini':
      return Buffer.from(
        JSON.stringify({
          models: ids.map((id) => ({
            name: `models/${id}`,
            displayName: id,
            supportedGenerationMethods: ['generateContent', 'countTokens'],
          })),
        }),
      );
    default:
      return Buffer.from(
        JSON.stringify({
          object: 'list',
          data: ids.map((id) => ({ id, object: 'model', created: Date.parse(created) / 1000, owned_by: 'cchub' })),
        }),
      );
  }
}
