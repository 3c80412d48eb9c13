// The Anthropic Messages wire format: its endpoints, upstream auth, errors, model list, usage taps and test probe.
import { inspectBody } from '../common/body-check';
import { field, joinedTexts } from '../common/json-values';
import { readModelIds } from '../common/model-ids';
import type { WireFormatSpec } from '../common/spec';
import { anthropicErrors } from './errors';
import { inspectAnthropicJson } from './json';
import { anthropicPromptText } from './prompt-text';
import { AnthropicStreamInspector } from './stream';

const CREATED = '2025-01-01T00:00:00Z';

export const anthropic: WireFormatSpec = {
  format: 'anthropic',
  endpoints: [
    { format: 'anthropic', name: 'messages', method: 'POST', billable: true, path: '/v1/messages' },
    { format: 'anthropic', name: 'count_tokens', method: 'POST', billable: false, path: '/v1/messages/count_tokens' },
  ],
  modelIn: 'body',
  client: { versionHeader: 'anthropic-version' },
  jsonArrayStreams: false,

  /** `x-api-key`, `Authorization: Bearer` or both, as the provider is set; the API version when the client sent none. */
  setUpstreamAuth(out, p) {
    if (p.anthropicAuth !== 'bearer') out['x-api-key'] = p.apiKey;
    if (p.anthropicAuth !== 'x-api-key') out.authorization = `Bearer ${p.apiKey}`;
    if (!out['anthropic-version']) out['anthropic-version'] = '2023-06-01';
  },

  errors: anthropicErrors,

  models: {
    path: '/v1/models',
    shape: 'anthropic',
    vendor: 'anthropic',
    parseIds: readModelIds,
    render: (ids) =>
      Buffer.from(
        JSON.stringify({
          data: ids.map((id) => ({ type: 'model', id, display_name: id, created_at: CREATED })),
          has_more: false,
          first_id: ids[0] ?? null,
          last_id: ids[ids.length - 1] ?? null,
        }),
      ),
  },

  inspectJson: (body, contentType) => inspectBody(body, contentType, inspectAnthropicJson),
  streamInspector: () => new AnthropicStreamInspector(),

  probe: {
    defaultModel: 'claude-haiku-4-5',
    request: (model, prompt) => ({
      path: '/v1/messages',
      body: { model, max_tokens: 16, messages: [{ role: 'user', content: prompt }] },
    }),
    answerText: (json) => joinedTexts(field(json, 'content')),
  },

  promptText: anthropicPromptText,
};
