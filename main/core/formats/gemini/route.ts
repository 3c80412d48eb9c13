// Gemini's paths name the model and the action: `/v1beta/models/{model}:{action}` (also under `/v1/`).
import type { Endpoint, PathRoute } from '../common/spec';

const ACTIONS = new Map<string, Endpoint>([
  ['generateContent', { format: 'gemini', name: 'generate_content', method: 'POST', billable: true }],
  [
    'streamGenerateContent',
    { format: 'gemini', name: 'stream_generate_content', method: 'POST', billable: true, streams: true },
  ],
  ['countTokens', { format: 'gemini', name: 'gemini_count_tokens', method: 'POST', billable: false }],
  ['embedContent', { format: 'gemini', name: 'embed_content', method: 'POST', billable: true }],
  ['batchEmbedContents', { format: 'gemini', name: 'batch_embed_contents', method: 'POST', billable: true }],
]);

export const GEMINI_ENDPOINTS: readonly Endpoint[] = [...ACTIONS.values()];

const GEMINI_PATH = /^\/(v1beta|v1)\/models\/([^/:]+):([A-Za-z]+)$/;

/** The endpoint a Gemini action path names, the model in it, and how to name another model in its place. */
export function geminiRoute(path: string): PathRoute | undefined {
  const m = GEMINI_PATH.exec(path);
  const endpoint = m ? ACTIONS.get(m[3] as string) : undefined;
  if (!m || !endpoint) return undefined;
  let model: string;
  try {
    model = decodeURIComponent(m[2] as string);
  } catch {
    return undefined;
  }
  return { endpoint, model, withModel: (other) => `/${m[1]}/models/${encodeURIComponent(other)}:${m[3]}` };
}
