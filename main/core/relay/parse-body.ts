// Parses a relay request's JSON body once: the model and stream flag the pipeline needs (Gemini names them in the path).

/** Parsed request fields the pipeline needs; the body itself is forwarded as received. */
export interface ParsedRequest {
  json: Record<string, unknown>;
  model: string;
  stream: boolean;
}

/**
 * Parses the JSON body once; returns an error message for the client when it is unusable. Gemini names the model
 * and streaming in the path (`pathModel`, `pathStream`) instead of the body.
 */
export function parseBody(body: Buffer, gemini?: { model: string; stream: boolean }): ParsedRequest | string {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (err) {
    return `the request body is not valid JSON: ${(err as Error).message}`;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return 'the request body must be a JSON object';
  const obj = json as Record<string, unknown>;
  if (gemini) return { json: obj, model: gemini.model, stream: gemini.stream };
  if (typeof obj.model !== 'string' || obj.model.length === 0) return 'the request body has no "model"';
  return { json: obj, model: obj.model, stream: obj.stream === true };
}
