// Anthropic refuses a thinking block signed by another provider (after a failover): the request without such blocks.
import type { ReactiveFix } from './reactive-fix';

type Block = { type?: unknown };
type Message = { role?: unknown; content?: unknown };

/** Blocks whose signature or encrypted data only the provider that made them accepts. */
const SIGNED = new Set(['thinking', 'redacted_thinking']);

/**
 * "messages.1.content.0: Invalid `signature` in `thinking` block". Every signed thinking block in the assistant turns
 * is removed (the others a provider signed could fail next). When the latest assistant turn lost its thinking and
 * calls a tool, thinking is switched off for this request: Anthropic requires that turn to begin with its thinking.
 */
export const thinkingSignatureFix: ReactiveFix = {
  name: 'thinking-signature',
  format: 'anthropic',
  recognises: (text) => /invalid\W{0,3}signature\W{0,3}in\W{0,3}(?:redacted_)?thinking\W{0,3}block/i.test(text),
  correct(members) {
    const messages = members.value('messages');
    if (!Array.isArray(messages)) return undefined;
    let removed = false;
    let lastAssistantLost = false;
    let lastAssistantCallsTool = false;
    const kept: Message[] = [];
    for (const m of messages as Message[]) {
      if (m?.role !== 'assistant' || !Array.isArray(m.content)) {
        kept.push(m);
        continue;
      }
      const content = (m.content as Block[]).filter((b) => !SIGNED.has(b?.type as string));
      const lost = content.length !== m.content.length;
      removed ||= lost;
      lastAssistantLost = lost;
      lastAssistantCallsTool = content.some((b) => b?.type === 'tool_use');
      if (content.length > 0) kept.push(lost ? { ...m, content } : m);
    }
    if (!removed) return undefined;
    const changes: Record<string, string | null> = { messages: JSON.stringify(kept) };
    if (lastAssistantLost && lastAssistantCallsTool && members.bytes('thinking')) changes.thinking = null;
    return members.edit(changes);
  },
};
