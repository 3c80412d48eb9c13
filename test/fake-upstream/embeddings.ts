// Embeddings as OpenAI (`POST /v1/embeddings`) and Gemini (`:embedContent`, `:batchEmbedContents`) answer them:
// one small deterministic vector per input, OpenAI's as floats or base64 float32 (the SDK asks for base64), with
// usage (OpenAI `prompt_tokens`/`total_tokens`; Gemini `usageMetadata.promptTokenCount`).
import type { Reply } from './wire-format';

type Body = Record<string, unknown>;

/** A fixed 8-dimension vector for input `i`. */
function vector(i: number): number[] {
  return Array.from({ length: 8 }, (_, d) => Math.round(Math.sin(i + d + 1) * 1e4) / 1e4);
}

function base64Floats(values: number[]): string {
  return Buffer.from(new Float32Array(values).buffer).toString('base64');
}

export function openAiEmbeddingsJson(reply: Reply, body: Body): string {
  const inputs = Array.isArray(body.input) && typeof body.input[0] !== 'number' ? body.input.length : 1;
  const base64 = body.encoding_format === 'base64';
  const data = Array.from({ length: inputs }, (_, index) => ({
    object: 'embedding',
    index,
    embedding: base64 ? base64Floats(vector(index)) : vector(index),
  }));
  const tokens = reply.usage.input;
  return JSON.stringify({
    object: 'list',
    data,
    model: reply.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

export function geminiEmbedJson(reply: Reply, batch: boolean, body: Body): string {
  const usageMetadata = { promptTokenCount: reply.usage.input, totalTokenCount: reply.usage.input };
  if (!batch) return JSON.stringify({ embedding: { values: vector(0) }, usageMetadata });
  const count = Array.isArray(body.requests) ? body.requests.length : 1;
  return JSON.stringify({
    embeddings: Array.from({ length: count }, (_, i) => ({ values: vector(i) })),
    usageMetadata,
  });
}
