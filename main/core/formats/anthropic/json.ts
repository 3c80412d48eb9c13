// Reads usage, model and errors from a whole Anthropic Messages response body.
import { field, str } from '../common/json-values';
import { emptyUsage, type JsonInspection } from '../common/types';
import { readUpstreamError } from '../common/upstream-error';
import { anthropicUsage } from './usage';

export function inspectAnthropicJson(parsed: unknown): JsonInspection {
  const error = readUpstreamError(parsed);
  if (error) return { usage: emptyUsage(), error };
  return { usage: anthropicUsage(field(parsed, 'usage')), error: null, model: str(field(parsed, 'model')) };
}
