// What the fake answers on OpenAI's other /v1/* endpoints, for the hub's pass-through: file uploads as OpenAI's file
// object, legacy completions and moderations as OpenAI shapes them (with and without usage), and anything else echoed
// back byte for byte with its content type, so a test can compare what went up and what came back.
import { nextId } from './ids';
import { estimateInputTokens } from './reply';

export interface PassThroughAnswer {
  status: number;
  contentType: string;
  body: Buffer | string;
}

export function passThroughAnswer(
  method: string,
  path: string,
  contentType: string | undefined,
  body: Buffer,
  json: unknown,
): PassThroughAnswer {
  const model = (json as { model?: unknown } | undefined)?.model;
  if (method === 'POST' && path === '/v1/files') {
    const text = body.toString('latin1');
    return jsonAnswer({
      id: `file-${nextId()}`,
      object: 'file',
      bytes: fileBytes(body, contentType),
      created_at: Math.floor(Date.now() / 1000),
      filename: /filename="([^"]*)"/.exec(text)?.[1] ?? 'upload',
      purpose: /name="purpose"\r\n\r\n([^\r]*)/.exec(text)?.[1] ?? 'assistants',
      status: 'processed',
      expires_at: null,
      status_details: null,
    });
  }
  if (method === 'POST' && path === '/v1/completions') {
    const prompt = estimateInputTokens(body.length);
    return jsonAnswer({
      id: `cmpl-${nextId()}`,
      object: 'text_completion',
      created: Math.floor(Date.now() / 1000),
      model: typeof model === 'string' ? model : 'gpt-3.5-turbo-instruct',
      choices: [{ text: ' completed', index: 0, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: prompt, completion_tokens: 2, total_tokens: prompt + 2 },
    });
  }
  if (method === 'POST' && path === '/v1/moderations') {
    return jsonAnswer({
      id: `modr-${nextId()}`,
      model: typeof model === 'string' ? model : 'omni-moderation-latest',
      results: [{ flagged: false, categories: {}, category_scores: {} }],
    });
  }
  return { status: 200, contentType: contentType ?? 'application/octet-stream', body };
}

function jsonAnswer(value: object): PassThroughAnswer {
  return { status: 200, contentType: 'application/json', body: JSON.stringify(value) };
}

/** The size of the multipart body's `file` part (what OpenAI reports as the file's bytes). */
function fileBytes(body: Buffer, contentType: string | undefined): number {
  const boundary = /boundary=([^;]+)/.exec(contentType ?? '')?.[1]?.replace(/^"|"$/g, '');
  if (!boundary) return body.length;
  const marker = Buffer.from(`--${boundary}`);
  let at = body.indexOf(marker);
  while (at >= 0) {
    const next = body.indexOf(marker, at + marker.length);
    const headEnd = body.indexOf('\r\n\r\n', at);
    if (next < 0 || headEnd < 0) break;
    if (/name="file"/.test(body.toString('latin1', at, headEnd))) return next - 2 - (headEnd + 4);
    at = next;
  }
  return body.length;
}
