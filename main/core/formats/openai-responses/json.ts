// Reads usage, model and errors from a whole OpenAI Responses body (a `response` object).
import { field, str } from '../common/json-values';
import type { JsonInspection } from '../common/types';
import { readUpstreamError } from '../common/upstream-error';
import { openAiResponsesUsage } from './usage';

/** A failed response (`status: "failed"`, `error: {code, message}`) reports its error and still its usage. */
export function inspectOpenAiResponsesJson(parsed: unknown): JsonInspection {
  return {
    usage: openAiResponsesUsage(field(parsed, 'usage')),
    error: readUpstreamError(parsed),
    model: str(field(parsed, 'model')) || undefined,
  };
}
