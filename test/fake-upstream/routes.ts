// Maps method + path to what the fake answers there: the wire format, stream detection and the success body.
import type { IncomingHttpHeaders } from 'node:http';
import { anthropicCountTokensJson, anthropicFormat } from './anthropic';
import { geminiEmbedJson, openAiEmbeddingsJson } from './embeddings';
import { geminiChunkArrayJson, geminiCountTokensJson, geminiFormat } from './gemini';
import type { ModelBodies } from './models';
import { openAiChatFormat } from './openai-chat';
import { compactionJson, openAiResponsesFormat } from './openai-responses';
import type { Reply, WireFormat } from './wire-format';

export type RequestBody = Record<string, unknown>;

export interface Route {
  format: WireFormat;
  /** Model when the request names none (Gemini names it in the path). */
  model: (body: RequestBody) => string;
  streamed: (body: RequestBody, query: string) => boolean;
  includeUsage: (body: RequestBody) => boolean;
  /** Success body when not streaming (some routes shape it by the request). */
  json: (reply: Reply, body: RequestBody) => string;
}

const never = () => false;
const streamFlag = (body: RequestBody) => body.stream === true;
const bodyModel = (fallback: string) => (body: RequestBody) => (typeof body.model === 'string' ? body.model : fallback);

function includeUsage(body: RequestBody): boolean {
  const options = body.stream_options;
  return typeof options === 'object' && options !== null && (options as RequestBody).include_usage === true;
}

/** Gemini's stable `/v1` and its `/v1beta` (the SDK's default before @google/genai 3). */
const GEMINI_PATH =
  /^\/(?:v1beta|v1)\/models\/([^/:]+):(generateContent|streamGenerateContent|countTokens|embedContent|batchEmbedContents)$/;

export function createRouter(
  models: ModelBodies,
): (method: string, path: string, headers: IncomingHttpHeaders) => Route | undefined {
  const fixed = (format: WireFormat, body: string): Route => ({
    format,
    model: bodyModel(''),
    streamed: never,
    includeUsage: never,
    json: () => body,
  });

  const messages: Route = {
    format: anthropicFormat,
    model: bodyModel('claude-sonnet-4-6'),
    streamed: streamFlag,
    includeUsage: never,
    json: anthropicFormat.json,
  };
  const countTokens: Route = {
    ...messages,
    streamed: never,
    json: (reply) => anthropicCountTokensJson(reply.usage.input),
  };
  const chat: Route = {
    format: openAiChatFormat,
    model: bodyModel('gpt-4o-mini'),
    streamed: streamFlag,
    includeUsage,
    json: openAiChatFormat.json,
  };
  const responses: Route = {
    format: openAiResponsesFormat,
    model: bodyModel('gpt-5'),
    streamed: streamFlag,
    includeUsage: never,
    json: openAiResponsesFormat.json,
  };
  const compact: Route = { ...responses, streamed: never, json: compactionJson };
  const embeddings: Route = {
    format: openAiChatFormat,
    model: bodyModel('text-embedding-3-small'),
    streamed: never,
    includeUsage: never,
    json: openAiEmbeddingsJson,
  };
  const anthropicModels = fixed(anthropicFormat, models.anthropic);
  const openAiModels = fixed(openAiChatFormat, models.openAi);
  const geminiModels = fixed(geminiFormat, models.gemini);

  return (method, path, headers) => {
    if (method === 'POST') {
      switch (path) {
        case '/v1/messages':
          return messages;
        case '/v1/messages/count_tokens':
          return countTokens;
        case '/v1/chat/completions':
          return chat;
        case '/v1/responses':
          return responses;
        case '/v1/responses/compact':
          return compact;
        case '/v1/embeddings':
          return embeddings;
      }
      const gemini = GEMINI_PATH.exec(path);
      if (gemini) return geminiRoute(decodeURIComponent(gemini[1] ?? ''), gemini[2] ?? '');
      return undefined;
    }
    if (method === 'GET') {
      if (path === '/v1/models') return headers['anthropic-version'] ? anthropicModels : openAiModels;
      if (path === '/v1beta/models') return geminiModels;
    }
    return undefined;
  };
}

function geminiRoute(model: string, action: string): Route {
  const base = { format: geminiFormat, model: () => model, includeUsage: never };
  if (action === 'countTokens') {
    return { ...base, streamed: never, json: (reply) => geminiCountTokensJson(reply.usage.input) };
  }
  if (action === 'generateContent') return { ...base, streamed: never, json: geminiFormat.json };
  if (action === 'embedContent' || action === 'batchEmbedContents') {
    const batch = action === 'batchEmbedContents';
    return { ...base, streamed: never, json: (reply, body) => geminiEmbedJson(reply, batch, body) };
  }
  // streamGenerateContent is SSE with alt=sse, otherwise one JSON array of the chunks.
  return { ...base, streamed: (_body, query) => /(?:^|&)alt=sse(?:&|$)/.test(query), json: geminiChunkArrayJson };
}
