// OpenAI Responses usage: input_tokens include cached tokens, which are billed as cache reads.
import { counter, field } from '../common/json-values';
import { emptyUsage, type Usage } from '../common/types';

/** Usage of a Responses `response.usage` object. */
export function openAiResponsesUsage(usage: unknown): Usage {
  const out = emptyUsage();
  const input = counter(field(usage, 'input_tokens')) ?? 0;
  const cached = counter(field(field(usage, 'input_tokens_details'), 'cached_tokens')) ?? 0;
  out.inputTokens = Math.max(0, input - cached);
  out.cacheReadTokens = cached;
  out.outputTokens = counter(field(usage, 'output_tokens')) ?? 0;
  return out;
}
