// Claude Code's "Warmup" request, answered by the hub itself when the setting is on: no upstream call, no cost, a row
// blocked by "warmup". Off by default, and then nothing here runs.
import { randomBytes } from 'node:crypto';
import type { Exchange } from './exchange';

/** The messages member of a warmup is tiny; a larger one is never parsed. */
const MAX_WARMUP_MESSAGES_BYTES = 1024;

type Block = { type?: unknown; text?: unknown; cache_control?: { type?: unknown } };

/**
 * Claude Code's warmup: `/v1/messages` with exactly one user message holding one text block "Warmup" marked
 * `cache_control: {type: "ephemeral"}` (a user who types "Warmup" sends no cache mark on a lone first message).
 */
export function isClaudeCodeWarmup(ex: Exchange): boolean {
  if (ex.format !== 'anthropic' || ex.endpoint?.name !== 'messages') return false;
  const bytes = ex.parsed.fields.bytes('messages');
  if (!bytes || bytes.length > MAX_WARMUP_MESSAGES_BYTES) return false;
  const messages = JSON.parse(bytes.toString('utf8')) as unknown;
  if (!Array.isArray(messages) || messages.length !== 1) return false;
  const [m] = messages as { role?: unknown; content?: unknown }[];
  if (m?.role !== 'user' || !Array.isArray(m.content) || m.content.length !== 1) return false;
  const [block] = m.content as Block[];
  return block?.type === 'text' && block.text === 'Warmup' && block.cache_control?.type === 'ephemeral';
}

const READY = "I'm ready to help you.";

/** The canned answer, as a whole message or as the stream Claude Code reads (`event:` lines, zero usage). */
export function warmupAnswer(model: string, stream: boolean): { contentType: string; body: Buffer } {
  const id = `msg_cchub_${randomBytes(12).toString('hex')}`;
  const usage = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  const message = { id, type: 'message', role: 'assistant', model, stop_sequence: null, usage };
  if (!stream) {
    const whole = { ...message, content: [{ type: 'text', text: READY }], stop_reason: 'end_turn' };
    return { contentType: 'application/json', body: Buffer.from(JSON.stringify(whole)) };
  }
  const event = (name: string, data: object) => `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;
  const text =
    event('message_start', { message: { ...message, content: [], stop_reason: null } }) +
    event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }) +
    event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: READY } }) +
    event('content_block_stop', { index: 0 }) +
    event('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 0 } }) +
    event('message_stop', {});
  return { contentType: 'text/event-stream; charset=utf-8', body: Buffer.from(text) };
}

/** Journals the warmup's row (blocked by "warmup", unbilled), then sends the canned answer. */
export async function answerWarmup(
  ex: Exchange,
  record: (ex: Exchange, blockedBy: string, reason: string) => Promise<unknown>,
): Promise<void> {
  await record(ex, 'warmup', "Claude Code's warmup, answered by the hub");
  if (ex.res.destroyed) return;
  const { contentType, body } = warmupAnswer(ex.parsed.model, ex.stream);
  ex.res.writeHead(200, {
    'content-type': contentType,
    'content-length': body.length,
    'x-cchub-request-id': ex.requestId,
  });
  ex.res.end(body);
}
