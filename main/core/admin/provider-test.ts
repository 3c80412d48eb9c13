// "Test" on a provider: one minimal real request in its own wire format through the relay's pool; what came back.
import type { Dispatcher } from 'undici';
import type { ProviderTestResult } from '../../../shared/api-schemas';
import type { Clock } from '../clock';
import { WIRE_FORMATS } from '../formats';
import { upstreamErrorMessage } from '../formats/common/upstream-error';
import type { ProviderRuntime } from '../model/entities';
import { redirectModel } from '../model/model-rules';
import { classifyNetworkError } from '../relay/upstream-error';
import { upstreamHeaders } from '../relay/upstream-headers';
import { joinUpstreamUrl } from '../relay/upstream-url';
import type { RoutingRegistry } from '../routing/registry';

const PROMPT = 'Reply with a short greeting.';
const MAX_ANSWER_BYTES = 1024 * 1024;
/** The test never waits longer than this, whatever the provider's own timeouts. */
const MAX_WAIT_MS = 30_000;

/**
 * The model to test with: the one asked for, else the first exact allowed model, else the format's default; then
 * redirected by the same matcher the relay uses, so the test sends what real traffic would.
 */
export function testModel(p: ProviderRuntime, requested: string | undefined): string {
  const model =
    requested ?? p.allowedModels.find((r) => r.match === 'exact')?.pattern ?? WIRE_FORMATS[p.type].probe.defaultModel;
  return redirectModel(p.modelRedirects, model) ?? model;
}

/** The first dozen words, at most 160 characters. */
export function firstWords(text: string): string {
  const words = text.trim().split(/\s+/).filter(Boolean).slice(0, 12).join(' ');
  return words.length > 160 ? `${words.slice(0, 159)}…` : words;
}

/** Sends the test request and reports; never throws for an upstream failure. */
export async function testProvider(
  registry: RoutingRegistry,
  provider: ProviderRuntime,
  requestedModel: string | undefined,
  clock: Clock,
  /** A draft's own pool; a saved provider uses the relay's. */
  dispatcher?: Dispatcher,
): Promise<ProviderTestResult> {
  // Upstream text shown to the admin: every secret the hub holds masked (the provider's own key included), then cut.
  const clean = (message: string) => registry.redactor.redact(message, provider.apiKey).slice(0, 500);
  const model = testModel(provider, requestedModel);
  const probe = WIRE_FORMATS[provider.type].probe;
  const { path, body } = probe.request(model, PROMPT);
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  const { origin, path: upstreamPath } = joinUpstreamUrl(provider.baseUrl, path, '');
  const url = origin + upstreamPath;
  const started = clock.now();
  const result = (partial: Omit<ProviderTestResult, 'latencyMs' | 'model' | 'url'>): ProviderTestResult => ({
    ...partial,
    latencyMs: Math.max(0, clock.now() - started),
    model,
    url,
  });
  const waitMs = Math.min(provider.timeouts.totalMs || MAX_WAIT_MS, MAX_WAIT_MS);
  const headers = upstreamHeaders(
    { 'content-type': 'application/json', 'user-agent': 'cchub-provider-test' },
    provider,
    payload.length,
    undefined,
  );
  let status: number;
  let text: string;
  try {
    const response = await (dispatcher ?? registry.dispatcher(provider, origin)).request({
      origin,
      method: 'POST',
      path: upstreamPath,
      headers,
      body: payload,
      headersTimeout: waitMs,
      bodyTimeout: waitMs,
      signal: AbortSignal.timeout(waitMs),
    });
    status = response.statusCode;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_ANSWER_BYTES) {
        response.body.destroy();
        return result({ ok: false, status, firstWords: '', error: 'the answer was larger than 1 MiB' });
      }
      chunks.push(chunk as Buffer);
    }
    text = Buffer.concat(chunks).toString('utf8');
  } catch (err) {
    const cls = (err as { name?: string }).name === 'TimeoutError' ? 'timeout' : classifyNetworkError(err);
    return result({ ok: false, status: 0, firstWords: '', error: clean(`${cls}: ${(err as Error).message ?? ''}`) });
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (status < 200 || status >= 300) {
    const message = upstreamErrorMessage(json)?.slice(0, 8192) ?? clean(text.trim().slice(0, 8192)).slice(0, 200);
    return result({ ok: false, status, firstWords: '', error: clean(`HTTP ${status}: ${message || 'no body'}`) });
  }
  if (json === undefined) return result({ ok: false, status, firstWords: '', error: 'the answer is not JSON' });
  const upstreamError = upstreamErrorMessage(json);
  const words = firstWords(clean(probe.answerText(json).slice(0, 8192)));
  if (!words && upstreamError) return result({ ok: false, status, firstWords: '', error: clean(upstreamError) });
  if (!words) return result({ ok: false, status, firstWords: '', error: 'the answer has no text' });
  return result({ ok: true, status, firstWords: words });
}
