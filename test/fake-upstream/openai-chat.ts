// OpenAI Chat Completions wire format: chat.completion JSON and `data:` chunk streams ending in [DONE].
import { openAiErrorBody, openAiErrorObject, openAiHeaders } from './openai-errors';
import type { FakeUsage } from './types';
import type { StreamScript, WireFormat } from './wire-format';

const FINGERPRINT = 'fp_fake0001';
const OVERLOADED_CHUNK = `data: ${JSON.stringify({ error: openAiErrorObject(503) })}\n\n`;

/** prompt_tokens includes cached tokens, as the real API reports it. */
function usageJson(usage: FakeUsage): string {
  const prompt = usage.input + usage.cacheRead;
  return JSON.stringify({
    prompt_tokens: prompt,
    completion_tokens: usage.output,
    total_tokens: prompt + usage.output,
    prompt_tokens_details: { cached_tokens: usage.cacheRead, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoning ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  });
}

export const openAiChatFormat: WireFormat = {
  jsonContentType: 'application/json',
  streamContentType: 'text/event-stream; charset=utf-8',
  headers: openAiHeaders,
  errorBody: openAiErrorBody,

  streamFailure(_reply, _emitted, message) {
    if (message === undefined) return OVERLOADED_CHUNK;
    return `data: ${JSON.stringify({ error: openAiErrorObject(503, message) })}\n\n`;
  },

  json(reply) {
    const call = reply.toolCall;
    const message = {
      role: 'assistant',
      content: reply.text || (call ? null : ''),
      ...(reply.reasoning ? { reasoning_content: reply.reasoning.text } : {}),
      ...(call
        ? { tool_calls: [{ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }] }
        : {}),
      refusal: null,
      annotations: [],
    };
    const finish = call ? 'tool_calls' : 'stop';
    return `{"id":"chatcmpl-${reply.id}","object":"chat.completion","created":${reply.created},"model":${JSON.stringify(reply.model)},"choices":[{"index":0,"message":${JSON.stringify(message)},"logprobs":null,"finish_reason":"${finish}"}],"usage":${usageJson(reply.usage)},"service_tier":"default","system_fingerprint":"${FINGERPRINT}"}`;
  },

  stream(reply): StreamScript {
    const head = `data: {"id":"chatcmpl-${reply.id}","object":"chat.completion.chunk","created":${reply.created},"model":${JSON.stringify(reply.model)},"service_tier":"default","system_fingerprint":"${FINGERPRINT}","choices":`;
    // With include_usage every chunk before the usage chunk carries "usage":null.
    const tail = reply.includeUsage ? ',"usage":null}\n\n' : '}\n\n';
    const choice = (delta: string, finish: string) =>
      `${head}[{"index":0,"delta":${delta},"logprobs":null,"finish_reason":${finish}}]${tail}`;
    const call = reply.toolCall;
    const finale = [choice('{}', call ? '"tool_calls"' : '"stop"')];
    if (reply.includeUsage) finale.push(`${head}[],"usage":${usageJson(reply.usage)}}\n\n`);
    finale.push('data: [DONE]\n\n');
    return {
      prelude: [choice('{"role":"assistant","content":"","refusal":null}', 'null')],
      deltas: [
        // DeepSeek-style reasoning deltas come before the content.
        ...(reply.reasoning?.pieces ?? []).map((r) => choice(`{"reasoning_content":${JSON.stringify(r)}}`, 'null')),
        ...reply.deltas.map((text) => choice(`{"content":${JSON.stringify(text)}}`, 'null')),
        // A tool call: the first delta names it (index, id, type, name, empty arguments), the rest carry arguments.
        ...(call
          ? [
              choice(
                `{"tool_calls":[{"index":0,"id":"${call.id}","type":"function","function":{"name":${JSON.stringify(call.name)},"arguments":""}}]}`,
                'null',
              ),
              ...call.pieces.map((piece) =>
                choice(`{"tool_calls":[{"index":0,"function":{"arguments":${JSON.stringify(piece)}}}]}`, 'null'),
              ),
            ]
          : []),
      ],
      finale,
    };
  },
};
