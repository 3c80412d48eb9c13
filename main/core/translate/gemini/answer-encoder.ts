// The neutral answer and stream events → Gemini answers: a GenerateContentResponse, and its chunks as SSE (`alt=sse`)
// or as one JSON array. A function call goes out whole, once its arguments are complete.
import type { Usage } from '../../formats';
import { argsObject, type Json } from '../neutral/json';
import type { NeutralAnswer, NeutralEvent, NeutralPart, StopReason } from '../neutral/model';

export function geminiFinish(stop: StopReason): string {
  if (stop === 'max_tokens') return 'MAX_TOKENS';
  if (stop === 'refusal') return 'SAFETY';
  return 'STOP';
}

/** promptTokenCount includes cached tokens; cache writes count as prompt tokens. */
function usageMetadata(u: Usage): Json {
  const prompt = u.inputTokens + u.cacheReadTokens + u.cacheWrite5mTokens + u.cacheWrite1hTokens;
  return {
    promptTokenCount: prompt,
    candidatesTokenCount: u.outputTokens,
    totalTokenCount: prompt + u.outputTokens,
    cachedContentTokenCount: u.cacheReadTokens,
  };
}

function partOf(p: NeutralPart): Json | undefined {
  if (p.type === 'text') return { text: p.text };
  if (p.type === 'thinking') return { text: p.text, thought: true };
  if (p.type === 'tool_call') return { functionCall: { id: p.id, name: p.name, args: argsObject(p.arguments) } };
  return undefined;
}

export function encodeGeminiAnswer(a: NeutralAnswer, model: string): Json {
  const parts = a.parts.map(partOf).filter((p) => p !== undefined);
  return {
    candidates: [{ content: { role: 'model', parts }, finishReason: geminiFinish(a.stop), index: 0 }],
    usageMetadata: usageMetadata(a.usage),
    modelVersion: a.model || model,
    responseId: a.id,
  };
}

/** Neutral events → Gemini chunks; `jsonArray`: the client asked without `alt=sse` and reads one JSON array. */
export class GeminiStreamEncoder {
  private id = '';
  private modelName: string;
  private call: { id: string; name: string; key: string; args: string } | undefined;
  private stop: StopReason = 'end';
  private usage: Usage | undefined;
  private sent = 0;

  constructor(
    model: string,
    private readonly jsonArray: boolean,
  ) {
    this.modelName = model;
  }

  encode(e: NeutralEvent, out: string[]): void {
    switch (e.t) {
      case 'start':
        this.id = e.id;
        if (e.model) this.modelName = e.model;
        return;
      case 'text':
        this.flushCall(out);
        this.emit([{ text: e.text }], out);
        return;
      case 'thinking':
        this.flushCall(out);
        this.emit([{ text: e.text, thought: true }], out);
        return;
      case 'tool_start':
        this.flushCall(out);
        this.call = { id: e.id, name: e.name, key: e.key, args: '' };
        return;
      case 'tool_args':
        if (this.call?.key === e.key) this.call.args += e.json;
        return;
      case 'stop':
        this.stop = e.stop;
        return;
      case 'usage':
        this.usage = e.usage;
        return;
      case 'end':
        this.flushCall(out);
        this.emit([], out, true);
        if (this.jsonArray) out.push(']');
        return;
      default:
        return;
    }
  }

  private flushCall(out: string[]): void {
    const c = this.call;
    if (!c) return;
    this.call = undefined;
    this.emit([{ functionCall: { id: c.id, name: c.name, args: argsObject(c.args) } }], out);
  }

  private emit(parts: Json[], out: string[], last = false): void {
    const candidate: Json = { content: { role: 'model', parts }, index: 0 };
    const chunk: Json = { candidates: [candidate] };
    if (last) {
      candidate.finishReason = geminiFinish(this.stop);
      if (this.usage) chunk.usageMetadata = usageMetadata(this.usage);
    }
    chunk.modelVersion = this.modelName;
    chunk.responseId = this.id;
    const json = JSON.stringify(chunk);
    if (this.jsonArray) out.push(`${this.sent === 0 ? '[' : ',\r\n'}${json}`);
    else out.push(`data: ${json}\r\n\r\n`);
    this.sent++;
  }
}
