// Neutral stream events → OpenAI Responses SSE: typed events, every one with its sequence_number, ending in
// response.completed or response.incomplete (no [DONE]).
import type { Usage } from '../../formats';
import type { Json } from '../neutral/json';
import type { AnswerShape, NeutralEvent, StopReason } from '../neutral/model';
import { callItem, outputText, reasoningItem, responseId, responseObject } from './answer-encoder';

type Open =
  | { kind: 'message'; id: string; index: number; text: string }
  | { kind: 'reasoning'; id: string; index: number; text: string; signature: string }
  | { kind: 'call'; id: string; index: number; key: string; callId: string; name: string; args: string };

/** Neutral events → Responses SSE, one output item open at a time; every finished item is kept for the final event. */
export class ResponsesStreamEncoder {
  private seq = 0;
  private id = 'resp_cchub';
  private modelName: string;
  private started = false;
  private open: Open | null = null;
  private readonly done: Json[] = [];
  private stop: StopReason = 'end';
  private usage: Usage | null = null;

  constructor(
    model: string,
    private readonly shape: AnswerShape,
  ) {
    this.modelName = model;
  }

  encode(e: NeutralEvent, out: string[]): void {
    switch (e.t) {
      case 'start':
        this.start(e.id, e.model, out);
        return;
      case 'text': {
        const m = this.ensure('message', out) as Extract<Open, { kind: 'message' }>;
        m.text += e.text;
        out.push(
          this.event('response.output_text.delta', {
            item_id: m.id,
            output_index: m.index,
            content_index: 0,
            delta: e.text,
            logprobs: [],
          }),
        );
        return;
      }
      case 'thinking': {
        const r = this.ensure('reasoning', out) as Extract<Open, { kind: 'reasoning' }>;
        r.text += e.text;
        out.push(
          this.event('response.reasoning_summary_text.delta', {
            item_id: r.id,
            output_index: r.index,
            summary_index: 0,
            delta: e.text,
          }),
        );
        return;
      }
      case 'signature':
        if (this.open?.kind === 'reasoning') this.open.signature += e.signature;
        return;
      case 'tool_start': {
        this.start('', '', out);
        this.close(out);
        const index = this.done.length;
        const call: Open = { kind: 'call', id: `fc_${index}`, index, key: e.key, callId: e.id, name: e.name, args: '' };
        this.open = call;
        const item = this.shape.customTools.has(e.name)
          ? { id: call.id, type: 'custom_tool_call', status: 'in_progress', call_id: e.id, name: e.name, input: '' }
          : { id: call.id, type: 'function_call', status: 'in_progress', call_id: e.id, name: e.name, arguments: '' };
        out.push(this.event('response.output_item.added', { output_index: index, item }));
        return;
      }
      case 'tool_args': {
        const c = this.open;
        if (c?.kind !== 'call' || c.key !== e.key) return;
        c.args += e.json;
        // A freeform tool's input is known only once its JSON wrapper is whole: it goes out with the item.
        if (!this.shape.customTools.has(c.name)) {
          out.push(
            this.event('response.function_call_arguments.delta', {
              item_id: c.id,
              output_index: c.index,
              delta: e.json,
            }),
          );
        }
        return;
      }
      case 'stop':
        this.stop = e.stop;
        return;
      case 'usage':
        this.usage = e.usage;
        return;
      case 'end': {
        this.start('', '', out);
        this.close(out);
        const status = this.stop === 'max_tokens' ? 'incomplete' : 'completed';
        const response = responseObject(this.id, this.modelName, status, this.done, this.usage, this.stop);
        out.push(this.event(`response.${status}`, { response }));
        return;
      }
    }
  }

  private start(id: string, model: string, out: string[]): void {
    if (this.started) return;
    this.started = true;
    if (id) this.id = responseId(id);
    if (model) this.modelName = model;
    const response = responseObject(this.id, this.modelName, 'in_progress', [], null);
    out.push(this.event('response.created', { response }));
    out.push(this.event('response.in_progress', { response }));
  }

  /** The open item of this kind, opening it (and closing another) when needed. */
  private ensure(kind: 'message' | 'reasoning', out: string[]): Open {
    this.start('', '', out);
    if (this.open?.kind === kind) return this.open;
    this.close(out);
    const index = this.done.length;
    if (kind === 'message') {
      const m: Open = { kind, id: `msg_${index}`, index, text: '' };
      this.open = m;
      out.push(
        this.event('response.output_item.added', {
          output_index: index,
          item: { id: m.id, type: 'message', status: 'in_progress', role: 'assistant', content: [] },
        }),
      );
      out.push(
        this.event('response.content_part.added', {
          item_id: m.id,
          output_index: index,
          content_index: 0,
          part: outputText(''),
        }),
      );
      return m;
    }
    const r: Open = { kind, id: `rs_${index}`, index, text: '', signature: '' };
    this.open = r;
    out.push(
      this.event('response.output_item.added', {
        output_index: index,
        item: { id: r.id, type: 'reasoning', summary: [] },
      }),
    );
    out.push(
      this.event('response.reasoning_summary_part.added', {
        item_id: r.id,
        output_index: index,
        summary_index: 0,
        part: { type: 'summary_text', text: '' },
      }),
    );
    return r;
  }

  private close(out: string[]): void {
    const o = this.open;
    if (!o) return;
    this.open = null;
    let item: Json;
    if (o.kind === 'message') {
      out.push(
        this.event('response.output_text.done', {
          item_id: o.id,
          output_index: o.index,
          content_index: 0,
          text: o.text,
          logprobs: [],
        }),
      );
      out.push(
        this.event('response.content_part.done', {
          item_id: o.id,
          output_index: o.index,
          content_index: 0,
          part: outputText(o.text),
        }),
      );
      item = { id: o.id, type: 'message', status: 'completed', role: 'assistant', content: [outputText(o.text)] };
    } else if (o.kind === 'reasoning') {
      out.push(
        this.event('response.reasoning_summary_text.done', {
          item_id: o.id,
          output_index: o.index,
          summary_index: 0,
          text: o.text,
        }),
      );
      out.push(
        this.event('response.reasoning_summary_part.done', {
          item_id: o.id,
          output_index: o.index,
          summary_index: 0,
          part: { type: 'summary_text', text: o.text },
        }),
      );
      item = reasoningItem(o.id, o.text, o.signature || undefined);
    } else {
      item = callItem(o.id, o.callId, o.name, o.args, this.shape);
      if (item.type === 'function_call') {
        out.push(
          this.event('response.function_call_arguments.done', {
            item_id: o.id,
            output_index: o.index,
            arguments: item.arguments,
          }),
        );
      }
    }
    this.done.push(item);
    out.push(this.event('response.output_item.done', { output_index: o.index, item }));
  }

  private event(type: string, fields: Json): string {
    return `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: this.seq++, ...fields })}\n\n`;
  }
}
