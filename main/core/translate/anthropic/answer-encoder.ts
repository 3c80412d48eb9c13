// The neutral answer and stream events → Anthropic Messages answers (the Message JSON and its named SSE events).
import type { Usage } from '../../formats';
import { argsObject, type Json } from '../neutral/json';
import type { NeutralAnswer, NeutralEvent, StopReason } from '../neutral/model';

export function anthropicStop(stop: StopReason): string {
  switch (stop) {
    case 'max_tokens':
      return 'max_tokens';
    case 'tool_use':
      return 'tool_use';
    case 'stop_sequence':
      return 'stop_sequence';
    case 'refusal':
      return 'refusal';
    default:
      return 'end_turn';
  }
}

function usageJson(u: Usage): Json {
  return {
    input_tokens: u.inputTokens,
    cache_creation_input_tokens: u.cacheWrite5mTokens + u.cacheWrite1hTokens,
    cache_read_input_tokens: u.cacheReadTokens,
    output_tokens: u.outputTokens,
  };
}

function messageId(id: string): string {
  return id.startsWith('msg_') ? id : `msg_${id.replace(/[^A-Za-z0-9_-]/g, '') || 'cchub'}`;
}

export function encodeAnthropicAnswer(a: NeutralAnswer, model: string): Json {
  const content: Json[] = [];
  for (const p of a.parts) {
    if (p.type === 'text') content.push({ type: 'text', text: p.text });
    else if (p.type === 'thinking') content.push({ type: 'thinking', thinking: p.text, signature: p.signature ?? '' });
    else if (p.type === 'tool_call') {
      content.push({ type: 'tool_use', id: p.id, name: p.name, input: argsObject(p.arguments) });
    }
  }
  return {
    id: messageId(a.id),
    type: 'message',
    role: 'assistant',
    model: a.model || model,
    content,
    stop_reason: anthropicStop(a.stop),
    stop_sequence: null,
    usage: usageJson(a.usage),
  };
}

type Block = 'text' | 'thinking' | 'tool' | null;

/**
 * Neutral events → Anthropic SSE: one content block at a time (text, thinking or tool_use, indexes from 0), closed
 * when another kind begins; `message_delta` with the stop reason and the cumulative usage, then `message_stop`.
 */
export class AnthropicStreamEncoder {
  private started = false;
  private block: Block = null;
  private toolKey = '';
  private index = -1;
  private stop: StopReason = 'end';
  private usage: Usage | undefined;

  constructor(private readonly model: string) {}

  encode(e: NeutralEvent, out: string[]): void {
    switch (e.t) {
      case 'start':
        this.start(e.id, e.model, out);
        return;
      case 'text':
        this.open('text', out);
        out.push(delta(this.index, { type: 'text_delta', text: e.text }));
        return;
      case 'thinking':
        this.open('thinking', out);
        out.push(delta(this.index, { type: 'thinking_delta', thinking: e.text }));
        return;
      case 'signature':
        if (this.block === 'thinking') out.push(delta(this.index, { type: 'signature_delta', signature: e.signature }));
        return;
      case 'tool_start':
        this.start('', '', out);
        this.close(out);
        this.block = 'tool';
        this.toolKey = e.key;
        this.index++;
        out.push(
          event('content_block_start', {
            type: 'content_block_start',
            index: this.index,
            content_block: { type: 'tool_use', id: e.id, name: e.name, input: {} },
          }),
        );
        return;
      case 'tool_args':
        if (this.block !== 'tool' || this.toolKey !== e.key) return;
        out.push(delta(this.index, { type: 'input_json_delta', partial_json: e.json }));
        return;
      case 'stop':
        this.stop = e.stop;
        return;
      case 'usage':
        this.usage = e.usage;
        return;
      case 'end':
        this.start('', '', out);
        this.close(out);
        out.push(
          event('message_delta', {
            type: 'message_delta',
            delta: { stop_reason: anthropicStop(this.stop), stop_sequence: null },
            usage: usageJson(this.usage ?? ZERO),
          }),
        );
        out.push(MESSAGE_STOP);
        return;
    }
  }

  private start(id: string, model: string, out: string[]): void {
    if (this.started) return;
    this.started = true;
    const message = {
      id: messageId(id),
      type: 'message',
      role: 'assistant',
      model: model || this.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 0 },
    };
    out.push(event('message_start', { type: 'message_start', message }));
  }

  private open(kind: 'text' | 'thinking', out: string[]): void {
    this.start('', '', out);
    if (this.block === kind) return;
    this.close(out);
    this.block = kind;
    this.index++;
    const content_block =
      kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' };
    out.push(event('content_block_start', { type: 'content_block_start', index: this.index, content_block }));
  }

  private close(out: string[]): void {
    if (this.block === null) return;
    out.push(event('content_block_stop', { type: 'content_block_stop', index: this.index }));
    this.block = null;
  }
}

const ZERO: Usage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  cacheReadTokens: 0,
};

function event(name: string, data: Json): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

function delta(index: number, d: Json): string {
  return event('content_block_delta', { type: 'content_block_delta', index, delta: d });
}

const MESSAGE_STOP = 'event: message_stop\ndata: {"type":"message_stop"}\n\n';
