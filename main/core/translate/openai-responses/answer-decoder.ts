// OpenAI Responses answers → the neutral answer and stream events.
import type { SseEvent } from '../../formats/common/sse-scanner';
import { openAiResponsesUsage } from '../../formats/openai-responses/usage';
import { arr, isObj, type Json, text } from '../neutral/json';
import type { NeutralAnswer, NeutralEvent, NeutralPart, StopReason } from '../neutral/model';
import { CUSTOM_TOOL_INPUT } from './request';

function partsOfItem(item: Json): NeutralPart[] {
  switch (item.type) {
    case 'message':
      return arr(item.content).flatMap((c) =>
        isObj(c) && c.type === 'output_text' ? [{ type: 'text' as const, text: text(c.text) }] : [],
      );
    case 'reasoning': {
      const summary = arr(item.summary)
        .map((s) => (isObj(s) ? text(s.text) : ''))
        .join('\n\n');
      return summary ? [{ type: 'thinking', text: summary }] : [];
    }
    case 'function_call':
      return [
        { type: 'tool_call', id: text(item.call_id), name: text(item.name), arguments: text(item.arguments) || '{}' },
      ];
    case 'custom_tool_call':
      return [
        {
          type: 'tool_call',
          id: text(item.call_id),
          name: text(item.name),
          arguments: JSON.stringify({ [CUSTOM_TOOL_INPUT]: text(item.input) }),
        },
      ];
    default:
      return [];
  }
}

function stopOf(response: Json, calledTools: boolean): StopReason {
  if (response.status === 'incomplete') return 'max_tokens';
  return calledTools ? 'tool_use' : 'end';
}

export function decodeResponsesAnswer(body: Json): NeutralAnswer {
  const parts = arr(body.output).flatMap((i) => (isObj(i) ? partsOfItem(i) : []));
  return {
    id: text(body.id),
    model: text(body.model),
    parts,
    stop: stopOf(
      body,
      parts.some((p) => p.type === 'tool_call'),
    ),
    usage: openAiResponsesUsage(body.usage),
  };
}

/** Responses events → neutral events; tool calls keyed by their output_index. */
export class ResponsesStreamDecoder {
  private calls = 0;
  /** Calls whose arguments came as deltas (else they come whole with output_item.done). */
  private readonly streamed = new Set<string>();
  private ended = false;

  decode(ev: SseEvent, out: NeutralEvent[]): void {
    const data = ev.json();
    if (!isObj(data)) return;
    const key = String(data.output_index ?? 0);
    switch (data.type) {
      case 'response.created': {
        const r = isObj(data.response) ? data.response : {};
        out.push({ t: 'start', id: text(r.id), model: text(r.model) });
        return;
      }
      case 'response.output_item.added': {
        const item = isObj(data.item) ? data.item : {};
        if (item.type === 'function_call' || item.type === 'custom_tool_call') {
          this.calls++;
          out.push({ t: 'tool_start', key, id: text(item.call_id), name: text(item.name) });
        }
        return;
      }
      case 'response.function_call_arguments.delta':
        this.streamed.add(key);
        out.push({ t: 'tool_args', key, json: text(data.delta) });
        return;
      case 'response.output_item.done': {
        const item = isObj(data.item) ? data.item : {};
        if (this.streamed.has(key)) return;
        if (item.type === 'function_call') out.push({ t: 'tool_args', key, json: text(item.arguments) || '{}' });
        else if (item.type === 'custom_tool_call') {
          out.push({ t: 'tool_args', key, json: JSON.stringify({ [CUSTOM_TOOL_INPUT]: text(item.input) }) });
        }
        return;
      }
      case 'response.output_text.delta':
        out.push({ t: 'text', text: text(data.delta) });
        return;
      case 'response.reasoning_summary_text.delta':
        out.push({ t: 'thinking', text: text(data.delta) });
        return;
      case 'response.completed':
      case 'response.incomplete': {
        const r = isObj(data.response) ? data.response : {};
        out.push({ t: 'stop', stop: stopOf(r, this.calls > 0) });
        out.push({ t: 'usage', usage: openAiResponsesUsage(r.usage) });
        this.finish(out);
        return;
      }
      default:
        return;
    }
  }

  finish(out: NeutralEvent[]): void {
    if (this.ended) return;
    this.ended = true;
    out.push({ t: 'end' });
  }
}
