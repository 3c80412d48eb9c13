// OpenAI Chat Completions: the text of system, developer and user messages (a string or text parts).
import { pushMessagesText } from '../common/prompt-text';
import type { RequestFields } from '../common/request-fields';

export function chatPromptText(fields: RequestFields): string[] {
  const out: string[] = [];
  pushMessagesText(out, fields.value('messages'), ['system', 'developer', 'user'], (m) => m.content, ['text']);
  return out;
}
