// Reads usage, model and errors from a whole OpenAI Chat Completions response body.
import { field, str } from '../common/json-values';
import { emptyUsage, type JsonInspection } from '../common/types';
import { readUpstreamError } from '../common/upstream-error';
import { openAiChatUsage } from './usage';

export function inspectOpenAiChatJson(parsed: unknown): JsonInspection {
  const error = readUpstreamError(parsed);
  if (error) return { usage: emptyUsage(), error };
  return {
    usage: openAiChatUsage(field(parsed, 'usage')),
    error: null,
    model: str(field(parsed, 'model')) || undefined,
  };
}
