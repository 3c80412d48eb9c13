// The neutral answer → the OpenAI Responses response object and its output items (shared with the stream encoder).
import type { Usage } from '../../formats';
import { argsObject, type Json, text } from '../neutral/json';
import type { AnswerShape, NeutralAnswer, NeutralPart, StopReason } from '../neutral/model';
import { ANTHROPIC_SIGNATURE_PREFIX, CUSTOM_TOOL_INPUT } from './request';

/** OpenAI's input counts include cached tokens; cache writes have no field of their own and count as input. */
function usageJson(u: Usage): Json {
  const input = u.inputTokens + u.cacheReadTokens + u.cacheWrite5mTokens + u.cacheWrite1hTokens;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: u.cacheReadTokens },
    output_tokens: u.outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: input + u.outputTokens,
  };
}

export function responseId(id: string): string {
  return id.startsWith('resp_') ? id : `resp_${id.replace(/[^A-Za-z0-9_-]/g, '') || 'cchub'}`;
}

export function responseObject(
  id: string,
  model: string,
  status: string,
  output: Json[],
  usage: Usage | null,
  stop?: StopReason,
): Json {
  return {
    id,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status,
    error: null,
    incomplete_details: stop === 'max_tokens' ? { reason: 'max_output_tokens' } : null,
    model,
    output,
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    usage: usage ? usageJson(usage) : null,
  };
}

/** The finished output item of one neutral part. */
function itemOf(p: NeutralPart, n: number, shape: AnswerShape): Json | undefined {
  switch (p.type) {
    case 'text':
      return { id: `msg_${n}`, type: 'message', status: 'completed', role: 'assistant', content: [outputText(p.text)] };
    case 'thinking':
      return reasoningItem(`rs_${n}`, p.text, p.signature);
    case 'tool_call':
      return callItem(`fc_${n}`, p.id, p.name, p.arguments, shape);
    default:
      return undefined;
  }
}

export function outputText(t: string): Json {
  return { type: 'output_text', text: t, annotations: [], logprobs: [] };
}

export function reasoningItem(id: string, summary: string, signature: string | undefined): Json {
  return {
    id,
    type: 'reasoning',
    summary: summary ? [{ type: 'summary_text', text: summary }] : [],
    ...(signature ? { encrypted_content: `${ANTHROPIC_SIGNATURE_PREFIX}${signature}` } : {}),
  };
}

export function callItem(id: string, callId: string, name: string, args: string, shape: AnswerShape): Json {
  if (shape.customTools.has(name)) {
    return {
      id,
      type: 'custom_tool_call',
      status: 'completed',
      call_id: callId,
      name,
      input: text(argsObject(args)[CUSTOM_TOOL_INPUT]),
    };
  }
  return { id, type: 'function_call', status: 'completed', call_id: callId, name, arguments: args || '{}' };
}

export function encodeResponsesAnswer(a: NeutralAnswer, model: string, shape: AnswerShape): Json {
  const output: Json[] = [];
  a.parts.forEach((p, n) => {
    const item = itemOf(p, n, shape);
    if (item) output.push(item);
  });
  const status = a.stop === 'max_tokens' ? 'incomplete' : 'completed';
  return responseObject(responseId(a.id), a.model || model, status, output, a.usage, a.stop);
}
