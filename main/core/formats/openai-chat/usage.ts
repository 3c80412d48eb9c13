// OpenAI Chat Completions usage: prompt_tokens include cached tokens, which are billed as cache reads.
import { counter, field } from '../common/json-values';
import { emptyUsage, type Usage } from '../common/types';

/** Usage of a chat `usage` object (`prompt_cache_hit_tokens` stands in for cached tokens on DeepSeek-style upstreams). */
export function openAiChatUsage(usage: unknown): Usage {
  const out = emptyUsage();
  const prompt = counter(field(usage, 'prompt_tokens')) ?? 0;
  const cached =
    counter(field(field(usage, 'prompt_tokens_details'), 'cached_tokens')) ??
    counter(field(usage, 'prompt_cache_hit_tokens')) ??
    0;
  out.inputTokens = Math.max(0, prompt - cached);
  out.cacheReadTokens = cached;
  out.outputTokens = counter(field(usage, 'completion_tokens')) ?? 0;
  return out;
}
