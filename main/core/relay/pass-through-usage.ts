// Usage in a passed-through OpenAI answer: Chat-style (`prompt_tokens`, `completion_tokens`) or Responses-style
// (`input_tokens`, `output_tokens`, as images and audio report it), with the answer's model.

import type { Usage } from '../formats';
import { field, parseJsonBytes, str } from '../formats/common/json-values';
import { openAiChatUsage } from '../formats/openai-chat/usage';
import { openAiResponsesUsage } from '../formats/openai-responses/usage';

export interface PassThroughUsage {
  usage: Usage;
  model: string | undefined;
}

/** The answer's usage, or undefined when it carries none (it is then logged unpriced). */
export function readPassThroughUsage(body: Buffer): PassThroughUsage | undefined {
  const parsed = parseJsonBytes(body);
  const usage = field(parsed, 'usage');
  if (typeof usage !== 'object' || usage === null) return undefined;
  const model = str(field(parsed, 'model')) || undefined;
  const chatStyle = field(usage, 'prompt_tokens') !== undefined;
  return { usage: chatStyle ? openAiChatUsage(usage) : openAiResponsesUsage(usage), model };
}
