// Anthropic Messages: the system prompt (a string or text blocks) and the text of user (and mid-conversation system)
// messages.
import { pushContentText, pushMessagesText } from '../common/prompt-text';
import type { RequestFields } from '../common/request-fields';

const TEXT = ['text'];

export function anthropicPromptText(fields: RequestFields): string[] {
  const out: string[] = [];
  pushContentText(out, fields.value('system'), TEXT);
  pushMessagesText(out, fields.value('messages'), ['user', 'system'], (m) => m.content, TEXT);
  return out;
}
