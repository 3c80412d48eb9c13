// The OpenAI Responses fixtures the contract suite runs every spec's cases with.
import { type FormatFixtures, sseOf, usage } from '../common/fixtures';
import { OPENAI_AUTH, OPENAI_ERROR_TYPES } from '../openai-shared/fixtures';

const USAGE = '{"input_tokens":100,"input_tokens_details":{"cached_tokens":40},"output_tokens":25,"total_tokens":125}';
const response = (status: string, rest: string) =>
  `{"id":"resp_1","object":"response","status":"${status}","model":"gpt-4.1",${rest}}`;
const OPENING = [
  `event: response.created\ndata: {"type":"response.created","sequence_number":0,"response":${response('in_progress', '"output":[],"usage":null')}}`,
  'event: response.output_item.added\ndata: {"type":"response.output_item.added","sequence_number":1,"output_index":0,' +
    '"item":{"type":"message","id":"msg_1","role":"assistant","content":[]}}',
  'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":2,"item_id":"msg_1",' +
    '"output_index":0,"content_index":0,"delta":"Hello"}',
];

export const fixtures: FormatFixtures = {
  json: {
    body:
      '{"id":"resp_1","object":"response","created_at":1,"status":"completed","model":"gpt-4.1-2025-04-14",' +
      '"output":[{"type":"reasoning","id":"rs_1","summary":[]},{"type":"message","id":"msg_1","status":"completed",' +
      '"role":"assistant","content":[{"type":"output_text","text":"Hello there","annotations":[]}]}],' +
      `"usage":${USAGE},"error":null}`,
    usage: usage({ inputTokens: 60, cacheReadTokens: 40, outputTokens: 25 }),
    model: 'gpt-4.1-2025-04-14',
    text: 'Hello there',
  },
  streams: [
    {
      name: 'complete',
      body: sseOf([
        ...OPENING,
        `event: response.completed\ndata: {"type":"response.completed","sequence_number":3,"response":${response('completed', `"output":[],"usage":${USAGE}`)}}`,
      ]),
      usage: usage({ inputTokens: 60, cacheReadTokens: 40, outputTokens: 25 }),
      model: 'gpt-4.1',
      completed: true,
      error: null,
    },
    {
      name: 'response.failed part-way',
      body: sseOf([
        ...OPENING,
        `event: response.failed\ndata: {"type":"response.failed","sequence_number":3,"response":${response('failed', '"output":[],"usage":null,"error":{"code":"server_error","message":"boom"}')}}`,
      ]),
      usage: usage({}),
      model: 'gpt-4.1',
      completed: false,
      error: { type: 'server_error', message: 'boom' },
    },
  ],
  errorTypes: OPENAI_ERROR_TYPES,
  streamError: { type: 'api_error', status: 502, readsAs: 'api_error' },
  request: {
    path: '/v1/responses',
    body: '{"model":"gpt-5-codex","instructions":"be brief","input":[{"role":"user","content":"hi"}],"stream":true}',
    model: 'gpt-5-codex',
    stream: true,
  },
  auth: OPENAI_AUTH,
};
