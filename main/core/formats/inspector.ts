// Entry points for response inspection per wire format: the stream tap and the whole-body reader.
import { inspectAnthropicJson } from './anthropic/json';
import { AnthropicStreamInspector } from './anthropic/stream';
import { checkBody } from './body-check';
import { inspectGeminiJson } from './gemini/json';
import { GeminiStreamInspector } from './gemini/stream';
import { inspectOpenAiChatJson } from './openai-chat/json';
import { OpenAiChatStreamInspector } from './openai-chat/stream';
import { inspectOpenAiResponsesJson } from './openai-responses/json';
import { OpenAiResponsesStreamInspector } from './openai-responses/stream';
import { emptyUsage, type JsonInspection, type StreamInspector, type WireFormat } from './types';

export function createStreamInspector(format: WireFormat): StreamInspector {
  switch (format) {
    case 'anthropic':
      return new AnthropicStreamInspector();
    case 'openai-chat':
      return new OpenAiChatStreamInspector();
    case 'openai-responses':
      return new OpenAiResponsesStreamInspector();
    case 'gemini':
      return new GeminiStreamInspector();
  }
}

const jsonReaders: Record<WireFormat, (parsed: unknown) => JsonInspection> = {
  anthropic: inspectAnthropicJson,
  'openai-chat': inspectOpenAiChatJson,
  'openai-responses': inspectOpenAiResponsesJson,
  gemini: inspectGeminiJson,
};

/**
 * Inspects a whole (non-stream) upstream body: `empty_body`, `html_body` (content-type text/html or a body
 * starting with `<`), `invalid_json`, an error object's own type and message, else the format's usage and model.
 */
export function inspectJsonBody(format: WireFormat, body: Buffer, contentType: string | undefined): JsonInspection {
  const check = checkBody(body, contentType);
  if (!check.ok) return { usage: emptyUsage(), error: check.error };
  return jsonReaders[format](check.value);
}
