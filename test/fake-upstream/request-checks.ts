// Checks a real upstream makes before answering: Anthropic's thinking signatures and budget, the Codex backend's
// list-only Responses input. A failed check is answered with that upstream's real error (real-errors.ts).
import { randomBytes } from 'node:crypto';
import type { RealErrorName } from './real-errors';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Signs thinking blocks as this fake instance; a signature from anywhere else is refused, as Anthropic does. */
export class ThinkingSigner {
  private readonly tag = randomBytes(6).toString('hex');
  private count = 0;

  sign(): string {
    return Buffer.from(`fake-upstream:${this.tag}:${++this.count}`).toString('base64');
  }

  signed(signature: unknown): boolean {
    if (typeof signature !== 'string') return false;
    // A scripted reasoning reply's signature (anthropic.ts thinkingSignature) is derived from its text so the
    // translation tests can check its round trip; it is taken as this account's own.
    if (signature.startsWith('EqFake')) return true;
    return Buffer.from(signature, 'base64').toString('utf8').startsWith(`fake-upstream:${this.tag}:`);
  }
}

/** The request asks for extended thinking (an answer then begins with a signed thinking block). */
export function wantsThinking(body: Json): boolean {
  const t = body.thinking;
  return isObject(t) && (t.type === 'enabled' || t.type === 'adaptive');
}

/** The real error a Messages request gets from Anthropic, or undefined when it passes. */
export function checkMessages(
  body: Json,
  signer: ThinkingSigner,
): { error: RealErrorName; message?: string } | undefined {
  const t = body.thinking;
  if (isObject(t) && t.type === 'enabled' && typeof t.budget_tokens === 'number') {
    if (typeof body.max_tokens === 'number' && t.budget_tokens >= body.max_tokens) {
      return { error: 'anthropic.thinking-budget' };
    }
  }
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (const [i, m] of messages.entries()) {
    if (!isObject(m) || m.role !== 'assistant' || !Array.isArray(m.content)) continue;
    for (const [j, block] of m.content.entries()) {
      if (!isObject(block)) continue;
      const foreign =
        (block.type === 'thinking' && !signer.signed(block.signature)) ||
        (block.type === 'redacted_thinking' && !signer.signed(block.data));
      if (foreign) {
        return {
          error: 'anthropic.invalid-thinking-signature',
          message: `messages.${i}.content.${j}: Invalid \`signature\` in \`${block.type}\` block`,
        };
      }
    }
  }
  return undefined;
}

/** The Codex backend refuses a Responses `input` that is not a list. */
export function checkResponsesInput(body: Json): RealErrorName | undefined {
  return body.input !== undefined && !Array.isArray(body.input) ? 'codex.input-must-be-list' : undefined;
}
