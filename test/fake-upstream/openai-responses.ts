// OpenAI Responses wire format: the response object, its named SSE events (no [DONE]) and compaction.
import { openAiErrorBody, openAiHeaders } from './openai-errors';
import type { FakeUsage } from './types';
import type { Reply, StreamScript, WireFormat } from './wire-format';

type ResponseStatus = 'in_progress' | 'completed' | 'failed';

/** input_tokens includes cached tokens, as the real API reports it. */
function usageObject(usage: FakeUsage): object {
  const input = usage.input + usage.cacheRead;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: usage.cacheRead },
    output_tokens: usage.output,
    output_tokens_details: { reasoning_tokens: usage.reasoning ?? 0 },
    total_tokens: input + usage.output,
  };
}

function outputText(text: string): object {
  return { type: 'output_text', annotations: [], logprobs: [], text };
}

function messageItem(reply: Reply, status: 'in_progress' | 'completed'): object {
  return {
    id: `msg_${reply.id}`,
    type: 'message',
    status,
    content: status === 'completed' ? [outputText(reply.text)] : [],
    role: 'assistant',
  };
}

function reasoningItem(reply: Reply): object {
  return {
    id: `rs_${reply.id}`,
    type: 'reasoning',
    summary: [{ type: 'summary_text', text: reply.reasoning?.text ?? '' }],
    encrypted_content: Buffer.from(`fake reasoning ${reply.id}`).toString('base64'),
  };
}

function callItem(reply: Reply, status: 'in_progress' | 'completed'): object {
  const call = reply.toolCall;
  return {
    id: `fc_${reply.id}`,
    type: 'function_call',
    status,
    arguments: status === 'completed' ? (call?.arguments ?? '') : '',
    call_id: call?.id ?? '',
    name: call?.name ?? '',
  };
}

/** The output items of a whole answer: reasoning (with a summary), the message (when there is text), a call. */
function outputItems(reply: Reply): object[] {
  const items: object[] = [];
  if (reply.reasoning) items.push(reasoningItem(reply));
  if (reply.text || !reply.toolCall) items.push(messageItem(reply, 'completed'));
  if (reply.toolCall) items.push(callItem(reply, 'completed'));
  return items;
}

const SERVER_ERROR = { code: 'server_error', message: 'The server is overloaded. Please try again later.' };

function responseObject(reply: Reply, status: ResponseStatus): object {
  return {
    id: `resp_${reply.id}`,
    object: 'response',
    created_at: reply.created,
    status,
    background: false,
    error: status === 'failed' ? SERVER_ERROR : null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model: reply.model,
    output: status === 'completed' ? outputItems(reply) : [],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: false,
    temperature: 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: status === 'completed' ? usageObject(reply.usage) : null,
    user: null,
    metadata: {},
  };
}

function event(type: string, sequence: number, fields: object): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence, ...fields })}\n\n`;
}

export const openAiResponsesFormat: WireFormat = {
  jsonContentType: 'application/json',
  streamContentType: 'text/event-stream; charset=utf-8',
  headers: openAiHeaders,
  errorBody: openAiErrorBody,

  streamFailure(reply, emitted, message) {
    const response = responseObject(reply, 'failed');
    if (message !== undefined) Object.assign(response, { error: { ...SERVER_ERROR, message } });
    return event('response.failed', emitted, { response });
  },

  json(reply) {
    return JSON.stringify(responseObject(reply, 'completed'));
  },

  stream(reply): StreamScript {
    if (reply.reasoning || reply.toolCall) return richStream(reply);
    const itemId = `msg_${reply.id}`;
    const at = { item_id: itemId, output_index: 0, content_index: 0 };
    const inProgress = responseObject(reply, 'in_progress');
    let sequence = 0;
    const next = (type: string, fields: object) => event(type, sequence++, fields);
    const prelude = [
      next('response.created', { response: inProgress }),
      next('response.in_progress', { response: inProgress }),
      next('response.output_item.added', { output_index: 0, item: messageItem(reply, 'in_progress') }),
      next('response.content_part.added', { ...at, part: outputText('') }),
    ];
    const deltas = reply.deltas.map((delta) => next('response.output_text.delta', { ...at, delta, logprobs: [] }));
    const finale = [
      next('response.output_text.done', { ...at, text: reply.text, logprobs: [] }),
      next('response.content_part.done', { ...at, part: outputText(reply.text) }),
      next('response.output_item.done', { output_index: 0, item: messageItem(reply, 'completed') }),
      next('response.completed', { response: responseObject(reply, 'completed') }),
    ];
    return { prelude, deltas, finale };
  },
};

/** POST /v1/responses/compact: the conversation replaced by one opaque compaction item. */
export function compactionJson(reply: Reply): string {
  return JSON.stringify({
    id: `resp_${reply.id}`,
    object: 'response.compaction',
    created_at: reply.created,
    output: [
      {
        id: `cmp_${reply.id}`,
        type: 'compaction',
        encrypted_content: Buffer.from(`fake compaction: ${reply.text}`).toString('base64'),
      },
    ],
    usage: usageObject(reply.usage),
  });
}

/**
 * A stream with a reasoning item (summary deltas), the message and a function call (arguments deltas), each item at
 * its own output_index, as the real API streams them.
 */
function richStream(reply: Reply): StreamScript {
  const inProgress = responseObject(reply, 'in_progress');
  let sequence = 0;
  const next = (type: string, fields: object) => event(type, sequence++, fields);
  const prelude = [
    next('response.created', { response: inProgress }),
    next('response.in_progress', { response: inProgress }),
  ];
  const deltas: string[] = [];
  let index = 0;
  const reasoning = reply.reasoning;
  if (reasoning) {
    const at = { item_id: `rs_${reply.id}`, output_index: index, summary_index: 0 };
    deltas.push(
      next('response.output_item.added', {
        output_index: index,
        item: { id: `rs_${reply.id}`, type: 'reasoning', summary: [] },
      }),
    );
    deltas.push(next('response.reasoning_summary_part.added', { ...at, part: { type: 'summary_text', text: '' } }));
    for (const delta of reasoning.pieces) deltas.push(next('response.reasoning_summary_text.delta', { ...at, delta }));
    deltas.push(next('response.reasoning_summary_text.done', { ...at, text: reasoning.text }));
    deltas.push(
      next('response.reasoning_summary_part.done', { ...at, part: { type: 'summary_text', text: reasoning.text } }),
    );
    deltas.push(next('response.output_item.done', { output_index: index, item: reasoningItem(reply) }));
    index++;
  }
  if (reply.text) {
    const at = { item_id: `msg_${reply.id}`, output_index: index, content_index: 0 };
    deltas.push(next('response.output_item.added', { output_index: index, item: messageItem(reply, 'in_progress') }));
    deltas.push(next('response.content_part.added', { ...at, part: outputText('') }));
    for (const delta of reply.deltas) deltas.push(next('response.output_text.delta', { ...at, delta, logprobs: [] }));
    deltas.push(next('response.output_text.done', { ...at, text: reply.text, logprobs: [] }));
    deltas.push(next('response.content_part.done', { ...at, part: outputText(reply.text) }));
    deltas.push(next('response.output_item.done', { output_index: index, item: messageItem(reply, 'completed') }));
    index++;
  }
  const call = reply.toolCall;
  if (call) {
    const at = { item_id: `fc_${reply.id}`, output_index: index };
    deltas.push(next('response.output_item.added', { output_index: index, item: callItem(reply, 'in_progress') }));
    for (const delta of call.pieces) deltas.push(next('response.function_call_arguments.delta', { ...at, delta }));
    deltas.push(next('response.function_call_arguments.done', { ...at, arguments: call.arguments }));
    deltas.push(next('response.output_item.done', { output_index: index, item: callItem(reply, 'completed') }));
  }
  return { prelude, deltas, finale: [next('response.completed', { response: responseObject(reply, 'completed') })] };
}
