// The Gemini wire format: model-in-path endpoints, upstream auth, errors, model list, usage taps and test probe.
import { inspectBody } from '../common/body-check';
import { field, first, joinedTexts } from '../common/json-values';
import { readModelIds } from '../common/model-ids';
import type { WireFormatSpec } from '../common/spec';
import { geminiErrors } from './errors';
import { inspectGeminiJson } from './json';
import { geminiPromptText } from './prompt-text';
import { GEMINI_ENDPOINTS, geminiRoute } from './route';
import { GeminiStreamInspector } from './stream';

export const gemini: WireFormatSpec = {
  format: 'gemini',
  endpoints: GEMINI_ENDPOINTS,
  modelIn: 'path',
  route: geminiRoute,
  client: { pathPrefix: '/v1beta/', credentialHeader: 'x-goog-api-key' },
  // A stream without ?alt=sse comes as one JSON array, sent as application/json.
  jsonArrayStreams: true,

  setUpstreamAuth(out, p) {
    out['x-goog-api-key'] = p.apiKey;
  },

  errors: geminiErrors,

  models: {
    path: '/v1beta/models',
    shape: 'gemini',
    vendor: 'gemini',
    parseIds: readModelIds,
    render: (ids) =>
      Buffer.from(
        JSON.stringify({
          models: ids.map((id) => ({
            name: `models/${id}`,
            displayName: id,
            supportedGenerationMethods: ['generateContent', 'countTokens'],
          })),
        }),
      ),
  },

  inspectJson: (body, contentType) => inspectBody(body, contentType, inspectGeminiJson),
  streamInspector: () => new GeminiStreamInspector(),

  probe: {
    defaultModel: 'gemini-2.0-flash',
    request: (model, prompt) => ({
      path: `/v1beta/models/${encodeURIComponent(model)}:generateContent`,
      body: { contents: [{ role: 'user', parts: [{ text: prompt }] }], generationConfig: { maxOutputTokens: 16 } },
    }),
    answerText: (json) => joinedTexts(field(field(first(field(json, 'candidates')), 'content'), 'parts')),
  },

  promptText: geminiPromptText,
};
