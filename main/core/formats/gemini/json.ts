// Reads usage, model and errors from a whole Gemini generateContent body (or a buffered JSON-array stream).
import { field, str } from '../common/json-values';
import { emptyUsage, type JsonInspection } from '../common/types';
import { readUpstreamError } from '../common/upstream-error';
import { geminiUsage } from './usage';

/** An array body is a buffered stream: the first error wins, the last `usageMetadata` gives the usage. */
export function inspectGeminiJson(parsed: unknown): JsonInspection {
  const parts = Array.isArray(parsed) ? parsed : [parsed];
  let meta: unknown;
  let model: string | undefined;
  for (const part of parts) {
    const error = readUpstreamError(part);
    if (error) return { usage: emptyUsage(), error, model };
    const m = field(part, 'usageMetadata');
    if (m !== undefined) meta = m;
    model ??= str(field(part, 'modelVersion')) || undefined;
  }
  return { usage: geminiUsage(meta), error: null, model };
}
