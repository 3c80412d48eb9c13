// Gemini generateContent: the system instruction's parts and the text parts of user (or role-less) contents.
import { pushContentText, pushMessagesText } from '../common/prompt-text';
import type { RequestFields } from '../common/request-fields';

export function geminiPromptText(fields: RequestFields): string[] {
  const out: string[] = [];
  const system = fields.value('systemInstruction') ?? fields.value('system_instruction');
  if (typeof system === 'string') pushContentText(out, system);
  else if (typeof system === 'object' && system !== null) pushContentText(out, (system as { parts?: unknown }).parts);
  pushMessagesText(out, fields.value('contents'), ['user'], (m) => m.parts, undefined, true);
  return out;
}
