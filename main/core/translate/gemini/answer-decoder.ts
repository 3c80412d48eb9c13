// Gemini answers → the neutral answer and stream events.
import type { SseEvent } from '../../formats/common/sse-scanner';
import { geminiUsage } from '../../formats/gemini/usage';
import { argsText, arr, isObj, type Json, newCallId, text } from '../neutral/json';
import type { NeutralAnswer, NeutralEvent, NeutralPart, StopReason } from '../neutral/model';

export function geminiStop(reason: unknown, calledTools: boolean): StopReason {
  if (reason === 'MAX_TOKENS') return 'max_tokens';
  if (typeof reason === 'string' && reason !== 'STOP' && reason !== 'FINISH_REASON_UNSPECIFIED') return 'refusal';
  return calledTools ? 'tool_use' : 'end';
}

function firstCandidate(body: Json): Json {
  const c = arr(body.candidates)[0];
  return isObj(c) ? c : {};
}

function partsOf(candidate: Json): unknown[] {
  return isObj(candidate.content) ? arr(candidate.content.parts) : [];
}

export function decodeGeminiAnswer(body: Json): NeutralAnswer {
  const candidate = firstCandidate(body);
  const parts: NeutralPart[] = [];
  for (const p of partsOf(candidate)) {
    if (!isObj(p)) continue;
    if (isObj(p.functionCall)) {
      const fc = p.functionCall;
      parts.push({
        type: 'tool_call',
        id: text(fc.id) || newCallId('toolu_'),
        name: text(fc.name),
        arguments: argsText(fc.args),
      });
    } else if (typeof p.text === 'string') {
      parts.push(p.thought === true ? { type: 'thinking', text: p.text } : { type: 'text', text: p.text });
    }
  }
  const reason = candidate.finishReason ?? (isObj(body.promptFeedback) ? body.promptFeedback.blockReason : undefined);
  return {
    id: text(body.responseId),
    model: text(body.modelVersion),
    parts,
    stop: geminiStop(
      reason,
      parts.some((p) => p.type === 'tool_call'),
    ),
    usage: geminiUsage(body.usageMetadata),
  };
}

/**
 * Gemini chunks → neutral events. A function call comes whole in one part: it becomes a tool start and its arguments
 * in one piece. The stream has no terminal event: its end ends the answer.
 */
export class GeminiStreamDecoder {
  private started = false;
  private calls = 0;
  private stop: StopReason | undefined;
  private ended = false;

  decode(ev: SseEvent, out: NeutralEvent[]): void {
    const chunk = ev.json();
    if (!isObj(chunk) || chunk.error !== undefined) return;
    if (!this.started) {
      this.started = true;
      out.push({ t: 'start', id: text(chunk.responseId), model: text(chunk.modelVersion) });
    }
    const candidate = firstCandidate(chunk);
    for (const p of partsOf(candidate)) {
      if (!isObj(p)) continue;
      if (isObj(p.functionCall)) {
        const key = String(this.calls++);
        const fc = p.functionCall;
        out.push({ t: 'tool_start', key, id: text(fc.id) || newCallId('toolu_'), name: text(fc.name) });
        out.push({ t: 'tool_args', key, json: argsText(fc.args) });
      } else if (typeof p.text === 'string' && p.text) {
        out.push(p.thought === true ? { t: 'thinking', text: p.text } : { t: 'text', text: p.text });
      }
    }
    const reason =
      candidate.finishReason ?? (isObj(chunk.promptFeedback) ? chunk.promptFeedback.blockReason : undefined);
    if (reason !== undefined) {
      this.stop = geminiStop(reason, this.calls > 0);
      out.push({ t: 'stop', stop: this.stop });
    }
    if (isObj(chunk.usageMetadata)) out.push({ t: 'usage', usage: geminiUsage(chunk.usageMetadata) });
  }

  finish(out: NeutralEvent[]): void {
    if (this.ended) return;
    this.ended = true;
    if (this.stop === undefined) out.push({ t: 'stop', stop: this.calls > 0 ? 'tool_use' : 'end' });
    out.push({ t: 'end' });
  }
}
