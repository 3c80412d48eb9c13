// The OpenAI Responses wire format: its endpoints, upstream auth, errors, model list, usage taps and test probe.
import { inspectBody } from '../common/body-check';
import { field, joinedTexts } from '../common/json-values';
import type { WireFormatSpec } from '../common/spec';
import { openAiErrorBody } from '../openai-shared/errors';
import { openAiModelList } from '../openai-shared/models';
import { responsesFailure } from './errors';
import { inspectOpenAiResponsesJson } from './json';
import { responsesPromptText } from './prompt-text';
import { OpenAiResponsesStreamInspector } from './stream';

export const openAiResponses: WireFormatSpec = {
  format: 'openai-responses',
  endpoints: [
    { format: 'openai-responses', name: 'responses', method: 'POST', billable: true, path: '/v1/responses' },
    {
      format: 'openai-responses',
      name: 'responses_compact',
      method: 'POST',
      billable: false,
      path: '/v1/responses/compact',
    },
  ],
  modelIn: 'body',
  client: {},
  jsonArrayStreams: false,

  setUpstreamAuth(out, p) {
    out.authorization = `Bearer ${p.apiKey}`;
  },

  errors: {
    hubType: (_status, code) => code,
    body: openAiErrorBody,
    streamEvent: (type, message, options = {}) => responsesFailure(type, message, options.sequenceNumber),
  },

  models: openAiModelList,

  inspectJson: (body, contentType) => inspectBody(body, contentType, inspectOpenAiResponsesJson),
  streamInspector: () => new OpenAiResponsesStreamInspector(),

  probe: {
    defaultModel: 'gpt-4o-mini',
    request: (model, prompt) => ({ path: '/v1/responses', body: { model, input: prompt, max_output_tokens: 16 } }),
    answerText: (json) => {
      const outputText = field(json, 'output_text');
      if (typeof outputText === 'string') return outputText;
      const output = field(json, 'output');
      return Array.isArray(output) ? output.map((item) => joinedTexts(field(item, 'content'))).join('') : '';
    },
  },

  promptText: responsesPromptText,
};
