// Checks a relay request's JSON body once and reads the few top-level fields the pipeline needs (model, stream…).
import { scanMembers } from '../formats/common/json-members';
import { RequestFields } from '../formats/common/request-fields';

/** Parsed request fields the pipeline needs; the body itself is forwarded as received. */
export interface ParsedRequest {
  fields: RequestFields;
  model: string;
  stream: boolean;
}

/**
 * Checks the JSON body once; returns an error message for the client when it is unusable. A path-model format
 * (Gemini) names the model and streaming in the path (`fromPath`) instead of the body.
 */
export function parseBody(body: Buffer, fromPath?: { model: string; stream: boolean }): ParsedRequest | string {
  const scanned = scanMembers(body);
  if (!scanned.ok) return scanned.error;
  const fields = new RequestFields(body, scanned.members);
  if (fromPath) return { fields, model: fromPath.model, stream: fromPath.stream };
  const model = fields.value('model');
  if (typeof model !== 'string' || model.length === 0) return 'the request body has no "model"';
  return { fields, model, stream: fields.isTrue('stream') };
}
