// OpenAI Chat Completions answers → the neutral answer and stream events.

import { isDoneMarker } from '../../formats/common/bytes';
import type { SseEvent } from '../../formats/common/sse-scanner';
import { openAiChatUsage } from '../../formats/openai-chat/usage';
import { arr, isObj, type Json, text } from '../neutral/json';
import type { NeutralAnswer, NeutralEvent, NeutralPart, StopReason } from '../neutral/model';

export function chatStop(finish: unknown): StopReason {
  switch (finish) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return 'end';
  }
}

/** The reasoning text OpenAI-compatible upstreams put beside the content (DeepSeek, OpenRouter, vLLM). */
function reasoningOf(m: Json): string {
  return text(m.reasoning_content) || text(m.reasoning);
}

export function decodeChatAnswer(body: Json): NeutralAnswer {
  const choice = isObj(arr(body.choices)[0]) ? (arr(body.choices)[0] as Json) : {};
  const m = isObj(choice.message) ? choice.message : {};
  const parts: NeutralPart[] = [];
  const reasoning = reasoningOf(m);
  if (reasoning) parts.push({ type: 'thinking', text: reasoning });
  const content = typeof m.content === 'string' ? m.content : '';
  if (content) parts.push({ type: 'text', text: content });
  for (const c of arr(m.tool_calls)) {
    if (!isObj(c) || !isObj(c.function)) continue;
    parts.push({
      type: 'tool_call',
      id: text(c.id),
      name: text(c.function.name),
      arguments: text(c.function.arguments),
    });
  }
  return {
    id: text(body.id),
    model: text(body.model),
    parts,
    stop: chatStop(choice.finish_reason),
    usage: openAiChatUsage(body.usage),
  };
}

/** Chat chunks → neutral events: the role chunk starts, deltas follow, the usage chunk and `[DONE]` end. */
export class ChatStreamDecoder {
  private started = false;
  private stop: StopReason | undefined;
  private ended = false;

  decode(ev: SseEvent, out: NeutralEvent[]): void {
    const data = ev.data;
    if (!data) return;
    if (isDoneMarker(data)) {
      this.finish(out);
      return;
    }
    const chunk = ev.json();
    if (!isObj(chunk) || chunk.error !== undefined) return;
    if (!this.started) {
      this.started = true;
      out.push({ t: 'start', id: text(chunk.id), model: text(chunk.model) });
    }
    const choice = arr(chunk.choices)[0];
    if (isObj(choice)) {
      const delta = isObj(choice.delta) ? choice.delta : {};
      const reasoning = reasoningOf(delta);
      if (reasoning) out.push({ t: 'thinking', text: reasoning });
      if (typeof delta.content === 'string' && delta.content) out.push({ t: 'text', text: delta.content });
      for (const c of arr(delta.tool_calls)) {
        if (!isObj(c)) continue;
        const key = String(c.index ?? 0);
        const fn = isObj(c.function) ? c.function : {};
        if (typeof c.id === 'string' && c.id) out.push({ t: 'tool_start', key, id: c.id, name: text(fn.name) });
        if (typeof fn.arguments === 'string' && fn.arguments) out.push({ t: 'tool_args', key, json: fn.arguments });
      }
      if (choice.finish_reason) {
        this.stop = chatStop(choice.finish_reason);
        out.push({ t: 'stop', stop: this.stop });
      }
    }
    if (isObj(chunk.usage)) out.push({ t: 'usage', usage: openAiChatUsage(chunk.usage) });
  }

  /** At `[DONE]`, or at the end of a stream that had none. */
  finish(out: NeutralEvent[]): void {
    if (this.ended) return;
    this.ended = true;
    if (this.stop === undefined) out.push({ t: 'stop', stop: 'end' });
    this.stop ??= 'end';
    out.push({ t: 'end' });
  }
}
