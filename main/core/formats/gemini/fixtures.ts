// The Gemini fixtures the contract suite runs every spec's cases with.
import { type FormatFixtures, sseOf, usage } from '../common/fixtures';

const MODEL = 'gemini-2.5-pro';
const FIRST =
  '{"candidates":[{"content":{"parts":[{"text":"Hel"}],"role":"model"},"index":0}],' +
  `"usageMetadata":{"promptTokenCount":100,"candidatesTokenCount":2,"totalTokenCount":102},"modelVersion":"${MODEL}"}`;
const LAST =
  '{"candidates":[{"content":{"parts":[{"text":"lo there"}],"role":"model"},"finishReason":"STOP","index":0}],' +
  '"usageMetadata":{"promptTokenCount":100,"candidatesTokenCount":20,"totalTokenCount":150,"cachedContentTokenCount":30,' +
  `"thoughtsTokenCount":30},"modelVersion":"${MODEL}"}`;
const FULL_USAGE = usage({ inputTokens: 70, cacheReadTokens: 30, outputTokens: 50 });

export const fixtures: FormatFixtures = {
  json: {
    body:
      '{"candidates":[{"content":{"parts":[{"text":"Hello "},{"text":"there"}],"role":"model"},"finishReason":"STOP",' +
      '"index":0}],"usageMetadata":{"promptTokenCount":100,"candidatesTokenCount":20,"totalTokenCount":150,' +
      `"cachedContentTokenCount":30,"thoughtsTokenCount":30},"modelVersion":"${MODEL}"}`,
    usage: FULL_USAGE,
    model: MODEL,
    text: 'Hello there',
  },
  streams: [
    {
      name: 'SSE (?alt=sse), finished',
      body: sseOf([`data: ${FIRST}`, `data: ${LAST}`]),
      usage: FULL_USAGE,
      model: MODEL,
      completed: true,
      error: null,
    },
    {
      name: 'a JSON array, finished',
      body: `[${FIRST}\r\n,\r\n${LAST}]`,
      usage: FULL_USAGE,
      model: MODEL,
      completed: true,
      error: null,
    },
    {
      name: 'an error chunk part-way',
      body: sseOf([
        `data: ${FIRST}`,
        'data: {"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}',
      ]),
      usage: usage({ inputTokens: 100, outputTokens: 2 }),
      model: MODEL,
      completed: false,
      error: { type: 'UNAVAILABLE', message: 'The model is overloaded.' },
    },
  ],
  errorTypes: [
    [400, 'invalid_request', 'INVALID_ARGUMENT'],
    [401, 'invalid_api_key', 'UNAUTHENTICATED'],
    [402, 'payment_required', 'RESOURCE_EXHAUSTED'],
    [403, 'model_not_allowed', 'PERMISSION_DENIED'],
    [404, 'unknown_endpoint', 'NOT_FOUND'],
    [405, 'method_not_allowed', 'INVALID_ARGUMENT'],
    [413, 'body_too_large', 'INVALID_ARGUMENT'],
    [415, 'unsupported_media_type', 'INVALID_ARGUMENT'],
    [429, 'rpm_limit', 'RESOURCE_EXHAUSTED'],
    [500, 'internal_error', 'INTERNAL'],
    [502, 'upstream_failed', 'UNAVAILABLE'],
    [503, 'no_provider', 'UNAVAILABLE'],
  ],
  streamError: { type: 'api_error', status: 503, readsAs: 'UNAVAILABLE' },
  jsonArrayHead: `[${FIRST}`,
  request: {
    path: '/v1beta/models/gemini-2.5-pro:streamGenerateContent',
    body: '{"contents":[{"role":"user","parts":[{"text":"hi"}]}],"generationConfig":{"maxOutputTokens":16}}',
    model: MODEL,
    stream: true,
  },
  auth: [
    { provider: { anthropicAuth: 'both' }, keyHeaders: { 'x-goog-api-key': 'KEY' } },
    { provider: { anthropicAuth: 'bearer' }, keyHeaders: { 'x-goog-api-key': 'KEY' } },
  ],
};
