// Gemini usageMetadata: cached content is billed as cache reads, thought tokens as output.
import { counter, field } from '../common/json-values';
import { emptyUsage, type Usage } from '../common/types';

/**
 * Usage of a `usageMetadata` object. `toolUsePromptTokenCount` (prompt tokens of built-in tools such as search
 * grounding) is billed as input, so it is added to the input.
 */
export function geminiUsage(meta: unknown): Usage {
  const out = emptyUsage();
  const prompt = counter(field(meta, 'promptTokenCount')) ?? 0;
  const cached = counter(field(meta, 'cachedContentTokenCount')) ?? 0;
  const toolPrompt = counter(field(meta, 'toolUsePromptTokenCount')) ?? 0;
  out.inputTokens = Math.max(0, prompt - cached) + toolPrompt;
  out.cacheReadTokens = cached;
  out.outputTokens =
    (counter(field(meta, 'candidatesTokenCount')) ?? 0) + (counter(field(meta, 'thoughtsTokenCount')) ?? 0);
  return out;
}
