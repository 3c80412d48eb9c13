// "Test" on a provider: one minimal real request in its own wire format through the relay's pool; what came back.
import type { ProviderTestResult } from '../../../shared/api-schemas';
import type { Clock } from '../clock';
import { classifyNetworkError } from '../relay/upstream-error';
import { upstreamHeaders } from '../relay/upstream-headers';
import { joinUpstreamUrl } from '../relay/upstream-url';
import type { ProviderRuntime, ProviderType, RoutingRegistry } from '../routing/registry';

const PROMPT = 'Reply with a short greeting.';
const MAX_ANSWER_BYTES = 1024 * 1024;
/** The test never waits longer than this, whatever the provider's own timeouts. */
const MAX_WAIT_MS = 30_000;

/** A small, cheap model of each vendor, used when the provider names none. */
const DEFAULT_MODEL: Record<ProviderType, string> = {
  anthropic: 'claude-haiku-4-5',
  'openai-chat': 'gpt-4o-mini',
  'openai-responses': 'gpt-4o-mini',
  gemini: 'gemini-2.0-flash',
};

interface TestRequest {
  path: string;
  body: Record<string, unknown>;
}

function requestFor(type: ProviderType, model: string): TestRequest {
  switch (type) {
    case 'anthropic':
      return { path: '/v1/messages', body: { model, max_tokens: 16, messages: [{ role: 'user', content: PROMPT }] } };
    case 'openai-chat':
      return {
        path: '/v1/chat/completions',
        body: { model, max_tokens: 16, messages: [{ role: 'user', content: PROMPT }] },
      };
    case 'openai-responses':
      return { path: '/v1/responses', body: { model, input: PROMPT, max_output_tokens: 16 } };
    case 'gemini':
      return {
        path: `/v1beta/models/${encodeURIComponent(model)}:generateContent`,
        body: { contents: [{ role: 'user', parts: [{ text: PROMPT }] }], generationConfig: { maxOutputTokens: 16 } },
      };
  }
}

function matches(rule: { match: string; pattern: string }, model: string): boolean {
  switch (rule.match) {
    case 'exact':
      return model === rule.pattern;
    case 'prefix':
      return model.startsWith(rule.pattern);
    case 'suffix':
      return model.endsWith(rule.pattern);
    case 'contains':
      return model.includes(rule.pattern);
    default:
      try {
        return new RegExp(rule.pattern).test(model);
      } catch {
        return false;
      }
  }
}

/** The model to test with: the one asked for, else the first exact allowed model, else the vendor default; redirected. */
export function testModel(p: ProviderRuntime, requested: string | undefined): string {
  const model = requested ?? p.allowedModels.find((r) => r.match === 'exact')?.pattern ?? DEFAULT_MODEL[p.type];
  return p.modelRedirects.find((r) => matches(r, model))?.target ?? model;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const texts = (parts: unknown[]): string =>
  parts
    .map((p) => obj(p)?.text)
    .filter((t): t is string => typeof t === 'string')
    .join('');

/** The answer's text in each format ('' when there is none). */
export function answerText(type: ProviderType, json: unknown): string {
  const body = obj(json);
  if (!body) return '';
  switch (type) {
    case 'anthropic':
      return texts(arr(body.content));
    case 'openai-chat': {
      const content = obj(obj(arr(body.choices)[0])?.message)?.content;
      return typeof content === 'string' ? content : texts(arr(content));
    }
    case 'openai-responses':
      if (typeof body.output_text === 'string') return body.output_text;
      return arr(body.output)
        .map((item) => texts(arr(obj(item)?.content)))
        .join('');
    case 'gemini':
      return texts(arr(obj(obj(arr(body.candidates)[0])?.content)?.parts));
  }
}

/** An upstream error body's message, if it has one. */
function errorMessage(json: unknown): string | undefined {
  const body = obj(json);
  const error = body?.error;
  if (typeof error === 'string') return error;
  const message = obj(error)?.message ?? body?.message;
  return typeof message === 'string' ? message : undefined;
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
): Promise<ProviderTestResult> {
  // Upstream text shown to the admin: every secret the hub holds masked (the provider's own key included), then cut.
  const clean = (message: string) => registry.redactor.redact(message, provider.apiKey).slice(0, 500);
  const model = testModel(provider, requestedModel);
  const { path, body } = requestFor(provider.type, model);
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
    const response = await registry.dispatcher(provider, origin).request({
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
    const message = errorMessage(json)?.slice(0, 8192) ?? clean(text.trim().slice(0, 8192)).slice(0, 200);
    return result({ ok: false, status, firstWords: '', error: clean(`HTTP ${status}: ${message || 'no body'}`) });
  }
  if (json === undefined) return result({ ok: false, status, firstWords: '', error: 'the answer is not JSON' });
  const upstreamError = errorMessage(json);
  const words = firstWords(clean(answerText(provider.type, json).slice(0, 8192)));
  if (!words && upstreamError) return result({ ok: false, status, firstWords: '', error: clean(upstreamError) });
  if (!words) return result({ ok: false, status, firstWords: '', error: 'the answer has no text' });
  return result({ ok: true, status, firstWords: words });
}
