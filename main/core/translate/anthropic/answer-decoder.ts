// Anthropic Messages answers → the neutral answer and stream events.

import { AnthropicUsageMerger, anthropicUsage } from '../../formats/anthropic/usage';
import type { SseEvent } from '../../formats/common/sse-scanner';
import { argsText, arr, isObj, type Json, text } from '../neutral/json';
import type { NeutralAnswer, NeutralEvent, NeutralPart, StopReason } from '../neutral/model';

export function stopOfAnthropic(reason: unknown): StopReason {
  switch (reason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'max_tokens';
    case 'tool_use':
      return 'tool_use';
    case 'stop_sequence':
      return 'stop_sequence';
    case 'refusal':
      return 'refusal';
    default:
      return 'end';
  }
}

export function decodeAnthropicAnswer(body: Json): NeutralAnswer {
  const parts: NeutralPart[] = [];
  for (const b of arr(body.content)) {
    if (!isObj(b)) continue;
    if (b.type === 'text') parts.push({ type: 'text', text: text(b.text) });
    else if (b.type === 'thinking') {
      parts.push({ type: 'thinking', text: text(b.thinking), signature: text(b.signature) || undefined });
    } else if (b.type === 'tool_use') {
      parts.push({ type: 'tool_call', id: text(b.id), name: text(b.name), arguments: argsText(b.input) });
    }
  }
  return {
    id: text(body.id),
    model: text(body.model),
    parts,
    stop: stopOfAnthropic(body.stop_reason),
    usage: anthropicUsage(body.usage),
  };
}

/** Anthropic SSE → neutral events; blocks are keyed by their index, usage merged as the inspector merges it. */
export class AnthropicStreamDecoder {
  private readonly usage = new AnthropicUsageMerger();
  private ended = false;

  decode(ev: SseEvent, out: NeutralEvent[]): void {
    const data = ev.json();
    if (!isObj(data)) return;
    switch (data.type) {
      case 'message_start': {
        const m = isObj(data.message) ? data.message : {};
        out.push({ t: 'start', id: text(m.id), model: text(m.model) });
        this.usage.merge(m.usage);
        return;
      }
      case 'content_block_start': {
        const b = isObj(data.content_block) ? data.content_block : {};
        if (b.type === 'tool_use')
          out.push({ t: 'tool_start', key: String(data.index), id: text(b.id), name: text(b.name) });
        else if (b.type === 'text' && text(b.text)) out.push({ t: 'text', text: text(b.text) });
        return;
      }
      case 'content_block_delta': {
        const d = isObj(data.delta) ? data.delta : {};
        if (d.type === 'text_delta') out.push({ t: 'text', text: text(d.text) });
        else if (d.type === 'thinking_delta') out.push({ t: 'thinking', text: text(d.thinking) });
        else if (d.type === 'signature_delta') out.push({ t: 'signature', signature: text(d.signature) });
        else if (d.type === 'input_json_delta')
          out.push({ t: 'tool_args', key: String(data.index), json: text(d.partial_json) });
        return;
      }
      case 'message_delta': {
        const d = isObj(data.delta) ? data.delta : {};
        if (d.stop_reason) out.push({ t: 'stop', stop: stopOfAnthropic(d.stop_reason) });
        this.usage.merge(data.usage);
        return;
      }
      case 'message_stop':
        this.finish(out);
        return;
      default:
        return;
    }
  }

  finish(out: NeutralEvent[]): void {
    if (this.ended) return;
    this.ended = true;
    out.push({ t: 'usage', usage: this.usage.result() });
    out.push({ t: 'end' });
  }
}
