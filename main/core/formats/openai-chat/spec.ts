// The OpenAI Chat Completions wire format: its endpoint, upstream auth, errors, model list, usage taps and test probe.
import { inspectBody } from '../common/body-check';
import { field, first, joinedTexts } from '../common/json-values';
import type { WireFormatSpec } from '../common/spec';
import { openAiErrorBody, openAiErrorJson } from '../openai-shared/errors';
import { openAiModelList } from '../openai-shared/models';
import { inspectOpenAiChatJson } from './json';
import { chatPromptText } from './prompt-text';
import { OpenAiChatStreamInspector } from './stream';

export const openAiChat: WireFormatSpec = {
  format: 'openai-chat',
  endpoints: [
    { format: 'openai-chat', name: 'chat_completions', method: 'POST', billable: true, path: '/v1/chat/completions' },
    // Its answer's usage has prompt_tokens only (no completion_tokens): read by the same usage reader.
    { format: 'openai-chat', name: 'embeddings', method: 'POST', billable: true, path: '/v1/embeddings' },
  ],
  modelIn: 'body',
  client: {},
  // Without it an OpenAI stream carries no usage at all: the hub asks for the final usage chunk (see the README).
  streamUsageMember: { key: 'stream_options', valueJson: '{"include_usage":true}' },
  jsonArrayStreams: false,

  setUpstreamAuth(out, p) {
    out.authorization = `Bearer ${p.apiKey}`;
  },

  errors: {
    hubType: (_status, code) => code,
    body: openAiErrorBody,
    /** One `data: {"error":…}` chunk and no `[DONE]`. */
    streamEvent: (type, message, options = {}) =>
      Buffer.from(`data: ${openAiErrorJson(options.status ?? 502, type, message)}\n\n`),
  },

  models: openAiModelList,

  inspectJson: (body, contentType) => inspectBody(body, contentType, inspectOpenAiChatJson),
  streamInspector: () => new OpenAiChatStreamInspector(),

  probe: {
    defaultModel: 'gpt-4o-mini',
    request: (model, prompt) => ({
      path: '/v1/chat/completions',
      body: { model, max_tokens: 16, messages: [{ role: 'user', content: prompt }] },
    }),
    answerText: (json) => {
      const content = field(field(first(field(json, 'choices')), 'message'), 'content');
      return typeof content === 'string' ? content : joinedTexts(content);
    },
  },

  promptText: chatPromptText,
};
