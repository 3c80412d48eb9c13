// Redaction of captured bodies: secrets always; message text (prompts, answers, tool arguments) unless allowed.
import { redactKeyShapes } from '../secrets/redactor';

/** Fields whose string values carry conversation text in the Anthropic, OpenAI and Gemini formats. */
const TEXT_FIELDS = new Set([
  'text',
  'content',
  'partial_json',
  'thinking',
  'input',
  'arguments',
  'instructions',
  'system',
  'prompt',
  'delta',
  'output_text',
  'refusal',
  'data',
]);

/** Structural fields kept as they are even inside message content (block types, roles, ids, tool names…). */
const STRUCTURAL_FIELDS = new Set(['type', 'role', 'id', 'name', 'model', 'tool_use_id', 'call_id', 'status', 'index']);

/**
 * Replaces the message text in a parsed JSON value (returns a new value; the input is not changed). Every string
 * under a text field is redacted — including tool inputs and arguments nested inside it — except structural fields.
 */
export function redactMessageText(value: unknown, key = '', inText = false): unknown {
  const textHere = inText || TEXT_FIELDS.has(key);
  if (typeof value === 'string') {
    return textHere && !STRUCTURAL_FIELDS.has(key) ? `[redacted: ${value.length} chars]` : value;
  }
  if (Array.isArray(value)) return value.map((v) => redactMessageText(v, '', textHere));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactMessageText(v, k, textHere);
    return out;
  }
  return value;
}

export interface RedactOptions {
  keepMessageText: boolean;
  maxBytes: number;
  /** Masks secrets in the rendered text (the hub's redactor: held secrets and key shapes); default key shapes only. */
  redactSecrets?: (text: string) => string;
}

/** A request body as stored: JSON with message text redacted (unless kept), secrets masked, capped. */
export function renderRequestBody(json: unknown, opts: RedactOptions): { text: string; truncated: boolean } {
  const shown = opts.keepMessageText ? json : redactMessageText(json);
  return cap((opts.redactSecrets ?? redactKeyShapes)(JSON.stringify(shown, null, 1)), opts.maxBytes);
}

/**
 * A response body as stored: a JSON answer is redacted like a request; an event stream keeps its event lines and
 * redacts each JSON `data:` line (an unfinished last line of a cut stream is dropped when text is redacted).
 */
export function renderResponseBody(raw: string, opts: RedactOptions): { text: string; truncated: boolean } {
  const trimmed = raw.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return renderRequestBody(JSON.parse(trimmed), opts);
    } catch {
      // a cut or invalid JSON body: fall through to line-wise handling
    }
  }
  const lines = raw.split('\n').map((line) => {
    if (opts.keepMessageText || !line.startsWith('data:')) return line;
    const payload = line.slice(5).trim();
    if (!payload.startsWith('{') && !payload.startsWith('[')) return line;
    try {
      return `data: ${JSON.stringify(redactMessageText(JSON.parse(payload)))}`;
    } catch {
      // `[DONE]` and other non-JSON markers stay; a cut JSON event (the capture cap) does not
      return payload.startsWith('{') ? 'data: [redacted: incomplete event]' : line;
    }
  });
  return cap((opts.redactSecrets ?? redactKeyShapes)(lines.join('\n')), opts.maxBytes);
}

function cap(text: string, maxBytes: number): { text: string; truncated: boolean } {
  if (Buffer.byteLength(text) <= maxBytes) return { text, truncated: false };
  return { text: Buffer.from(text).subarray(0, maxBytes).toString('utf8'), truncated: true };
}
