// GET /v1/models and /v1beta/models: the models a caller may use, gathered from its providers.
import type { PriceTable } from '../billing/price-table';
import type { Clock } from '../clock';
import { WIRE_FORMATS } from '../formats';
import type { ProviderRuntime, ProviderType } from '../model/entities';
import type { RoutingRegistry } from '../routing/registry';
import { upstreamHeaders } from './upstream-headers';
import { joinUpstreamUrl } from './upstream-url';

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
    const vendor = WIRE_FORMATS[type].models.vendor;
    const out: string[] = [];
    for (const [model, data] of this.prices.layer('bundled')) {
      if (data.litellm_provider === vendor && !model.includes('/')) out.push(model);
    }
    return out;
  }

  private async upstreamModels(p: ProviderRuntime): Promise<string[]> {
    const hit = this.cache.get(p.id);
    if (hit && this.clock.now() - hit.at < CACHE_MS) return hit.ids;
    const list = WIRE_FORMATS[p.type].models;
    let ids: string[] = [];
    try {
      const { origin, path } = joinUpstreamUrl(p.baseUrl, list.path, '');
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
      if (res.statusCode === 200) ids = list.parseIds(text);
    } catch {
      ids = [];
    }
    this.cache.set(p.id, { at: this.clock.now(), ids });
    return ids;
  }
}
