// OpenAI Responses: `instructions`, and `input` as a string or the text of its system, developer and user messages.
import { pushContentText, pushMessagesText } from '../common/prompt-text';
import type { RequestFields } from '../common/request-fields';

export function responsesPromptText(fields: RequestFields): string[] {
  const out: string[] = [];
  pushContentText(out, fields.value('instructions'));
  const input = fields.value('input');
  if (typeof input === 'string') pushContentText(out, input);
  else pushMessagesText(out, input, ['system', 'developer', 'user'], (m) => m.content, ['input_text', 'text']);
  return out;
}
