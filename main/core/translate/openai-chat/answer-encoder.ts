// The neutral answer and stream events → OpenAI Chat Completions answers: chat.completion JSON and chunk streams
// (the role chunk, deltas, the finish chunk, the usage chunk, `[DONE]`).
import type { Usage } from '../../formats';
import type { Json } from '../neutral/json';
import type { NeutralAnswer, NeutralEvent, StopReason } from '../neutral/model';

export function chatFinish(stop: StopReason): string {
  switch (stop) {
    case 'max_tokens':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}

/** prompt_tokens include cached tokens; cache writes have no field of their own and count as prompt tokens. */
export function chatUsage(u: Usage): Json {
  const prompt = u.inputTokens + u.cacheReadTokens + u.cacheWrite5mTokens + u.cacheWrite1hTokens;
  return {
    prompt_tokens: prompt,
    completion_tokens: u.outputTokens,
    total_tokens: prompt + u.outputTokens,
    prompt_tokens_details: { cached_tokens: u.cacheReadTokens },
  };
}

function completionId(id: string): string {
  return id.startsWith('chatcmpl-') ? id : `chatcmpl-${id.replace(/[^A-Za-z0-9_-]/g, '') || 'cchub'}`;
}

export function encodeChatAnswer(a: NeutralAnswer, model: string): Json {
  const texts: string[] = [];
  const thinking: string[] = [];
  const calls: Json[] = [];
  for (const p of a.parts) {
    if (p.type === 'text') texts.push(p.text);
    else if (p.type === 'thinking') thinking.push(p.text);
    else if (p.type === 'tool_call') {
      calls.push({ id: p.id, type: 'function', function: { name: p.name, arguments: p.arguments || '{}' } });
    }
  }
  const message: Json = { role: 'assistant', content: texts.length > 0 ? texts.join('') : null };
  if (thinking.length > 0) message.reasoning_content = thinking.join('');
  if (calls.length > 0) message.tool_calls = calls;
  return {
    id: completionId(a.id),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: a.model || model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: chatFinish(a.stop) }],
    usage: chatUsage(a.usage),
  };
}

/** Neutral events → chat chunks; tool calls numbered from 0 in the order they start; reasoning as reasoning_content. */
export class ChatStreamEncoder {
  private started = false;
  private head = '';
  private calls = -1;
  private callKey = '';
  private stop: StopReason = 'end';
  private usage: Usage | undefined;

  constructor(private readonly model: string) {}

  encode(e: NeutralEvent, out: string[]): void {
    switch (e.t) {
      case 'start':
        this.start(e.id, e.model, out);
        return;
      case 'text':
        this.start('', '', out);
        out.push(this.chunk({ content: e.text }));
        return;
      case 'thinking':
        this.start('', '', out);
        out.push(this.chunk({ reasoning_content: e.text }));
        return;
      case 'tool_start':
        this.start('', '', out);
        this.calls++;
        this.callKey = e.key;
        out.push(
          this.chunk({
            tool_calls: [{ index: this.calls, id: e.id, type: 'function', function: { name: e.name, arguments: '' } }],
          }),
        );
        return;
      case 'tool_args':
        if (e.key !== this.callKey || this.calls < 0) return;
        out.push(this.chunk({ tool_calls: [{ index: this.calls, function: { arguments: e.json } }] }));
        return;
      case 'stop':
        this.stop = e.stop;
        return;
      case 'usage':
        this.usage = e.usage;
        return;
      case 'end':
        this.start('', '', out);
        out.push(this.chunk({}, chatFinish(this.stop)));
        if (this.usage) out.push(`${this.head}[],"usage":${JSON.stringify(chatUsage(this.usage))}}\n\n`);
        out.push('data: [DONE]\n\n');
        return;
      default:
        return;
    }
  }

  private start(id: string, model: string, out: string[]): void {
    if (this.started) return;
    this.started = true;
    const created = Math.floor(Date.now() / 1000);
    this.head = `data: {"id":${JSON.stringify(completionId(id))},"object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model || this.model)},"choices":`;
    out.push(this.chunk({ role: 'assistant', content: '' }));
  }

  private chunk(delta: Json, finish: string | null = null): string {
    const choice = { index: 0, delta, logprobs: null, finish_reason: finish };
    return `${this.head}[${JSON.stringify(choice)}]}\n\n`;
  }
}
