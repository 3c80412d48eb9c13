// The OpenAI Chat Completions fixtures the contract suite runs every spec's cases with.
import { type FormatFixtures, sseOf, usage } from '../common/fixtures';
import { OPENAI_AUTH, OPENAI_ERROR_TYPES } from '../openai-shared/fixtures';

const USAGE =
  '{"prompt_tokens":100,"completion_tokens":20,"total_tokens":120,"prompt_tokens_details":{"cached_tokens":30}}';
const chunk = (rest: string) =>
  `data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o",${rest}}`;
const FIRST = [
  chunk('"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null'),
  chunk('"choices":[{"index":0,"delta":{"content":"Hello \\"usage\\":{"},"finish_reason":null}],"usage":null'),
];

export const fixtures: FormatFixtures = {
  json: {
    body:
      '{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-2024-08-06","choices":[{"index":0,' +
      `"message":{"role":"assistant","content":"Hello there"},"finish_reason":"stop"}],"usage":${USAGE}}`,
    usage: usage({ inputTokens: 70, cacheReadTokens: 30, outputTokens: 20 }),
    model: 'gpt-4o-2024-08-06',
    text: 'Hello there',
  },
  streams: [
    {
      name: 'complete, usage in the last chunk',
      body: sseOf([
        ...FIRST,
        chunk('"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null'),
        chunk(`"choices":[],"usage":${USAGE}`),
        'data: [DONE]',
      ]),
      usage: usage({ inputTokens: 70, cacheReadTokens: 30, outputTokens: 20 }),
      model: 'gpt-4o',
      completed: true,
      error: null,
    },
    {
      name: 'an error chunk part-way',
      body: sseOf([...FIRST, 'data: {"error":{"message":"boom","type":"server_error","code":null}}']),
      usage: usage({}),
      model: 'gpt-4o',
      completed: false,
      error: { type: 'server_error', message: 'boom' },
    },
  ],
  errorTypes: OPENAI_ERROR_TYPES,
  streamError: { type: 'api_error', status: 502, readsAs: 'server_error' },
  request: {
    path: '/v1/chat/completions',
    body: '{"messages":[{"role":"user","content":"{\\"model\\":\\"x\\"}"}],"model":"gpt-4o","stream":false}',
    model: 'gpt-4o',
    stream: false,
  },
  auth: OPENAI_AUTH,
};
