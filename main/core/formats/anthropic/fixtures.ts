// The Anthropic fixtures the contract suite runs every spec's cases with.
import { type FormatFixtures, sseOf, usage } from '../common/fixtures';

const MODEL = 'claude-sonnet-4-5-20250929';
const USAGE =
  '{"input_tokens":12,"cache_creation_input_tokens":3000,"cache_read_input_tokens":500,' +
  '"cache_creation":{"ephemeral_5m_input_tokens":1000,"ephemeral_1h_input_tokens":2000},"output_tokens":42}';
const FULL_USAGE = usage({
  inputTokens: 12,
  outputTokens: 42,
  cacheWrite5mTokens: 1000,
  cacheWrite1hTokens: 2000,
  cacheReadTokens: 500,
});

const start = (u: string) =>
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant",' +
  `"model":"${MODEL}","content":[],"stop_reason":null,"stop_sequence":null,"usage":${u}}}`;
const BLOCK = [
  'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
  'event: ping\ndata: {"type": "ping"}',
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello \\"error\\" there"}}',
  'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}',
];

export const fixtures: FormatFixtures = {
  json: {
    body:
      `{"id":"msg_1","type":"message","role":"assistant","model":"${MODEL}",` +
      '"content":[{"type":"text","text":"Hello "},{"type":"text","text":"there"}],"stop_reason":"end_turn",' +
      `"stop_sequence":null,"usage":${USAGE}}`,
    usage: FULL_USAGE,
    model: MODEL,
    text: 'Hello there',
  },
  streams: [
    {
      name: 'complete',
      body: sseOf([
        start(USAGE.replace('"output_tokens":42', '"output_tokens":1')),
        ...BLOCK,
        'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":42}}',
        'event: message_stop\ndata: {"type":"message_stop"}',
      ]),
      usage: FULL_USAGE,
      model: MODEL,
      completed: true,
      error: null,
    },
    {
      name: 'overloaded part-way',
      body: sseOf([
        start('{"input_tokens":5,"output_tokens":1}'),
        ...BLOCK,
        'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
      ]),
      usage: usage({ inputTokens: 5, outputTokens: 1 }),
      model: MODEL,
      completed: false,
      error: { type: 'overloaded_error', message: 'Overloaded' },
    },
  ],
  errorTypes: [
    [400, 'invalid_request', 'invalid_request_error'],
    [401, 'invalid_api_key', 'authentication_error'],
    [402, 'payment_required', 'billing_error'],
    [403, 'model_not_allowed', 'permission_error'],
    [404, 'unknown_endpoint', 'not_found_error'],
    [405, 'method_not_allowed', 'invalid_request_error'],
    [413, 'body_too_large', 'request_too_large'],
    [415, 'unsupported_media_type', 'invalid_request_error'],
    [429, 'rpm_limit', 'rate_limit_error'],
    [500, 'internal_error', 'api_error'],
    [502, 'upstream_failed', 'api_error'],
    [503, 'no_provider', 'overloaded_error'],
  ],
  streamError: { type: 'api_error', status: 502, readsAs: 'api_error' },
  request: {
    path: '/v1/messages',
    body: '{"model":"claude-sonnet-4-5","max_tokens":16,"stream":true,"messages":[{"role":"user","content":"hi \\"model\\":\\"x\\""}]}',
    model: 'claude-sonnet-4-5',
    stream: true,
  },
  auth: [
    { provider: { anthropicAuth: 'x-api-key' }, keyHeaders: { 'x-api-key': 'KEY' } },
    { provider: { anthropicAuth: 'bearer' }, keyHeaders: { authorization: 'Bearer KEY' } },
    { provider: { anthropicAuth: 'both' }, keyHeaders: { 'x-api-key': 'KEY', authorization: 'Bearer KEY' } },
  ],
};
