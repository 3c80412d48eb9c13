// OpenAI Chat Completions requests ⇄ the neutral request.
import { argsText, arr, isObj, type Json, num, text } from '../neutral/json';
import type { Losses, NeutralMessage, NeutralPart, NeutralRequest, ToolChoice } from '../neutral/model';
import { budgetEffort } from '../neutral/reasoning';

/** Writes a Chat Completions request; a stream asks for its usage chunk. */
export function encodeChatRequest(req: NeutralRequest, lost: Losses): Json {
  const messages: Json[] = [];
  if (req.system) messages.push({ role: 'system', content: req.system });
  for (const m of req.messages) pushMessage(messages, m, lost);
  const out: Json = { model: req.model, messages };
  if (req.maxTokens !== undefined) out.max_tokens = req.maxTokens;
  if (req.temperature !== undefined) out.temperature = req.temperature;
  if (req.topP !== undefined) out.top_p = req.topP;
  if (req.stop?.length) out.stop = req.stop;
  if (req.tools.length > 0) {
    out.tools = req.tools.map((t) => ({
      type: 'function',
      function: { name: t.name, ...(t.description ? { description: t.description } : {}), parameters: t.schema },
    }));
    if (req.parallelToolCalls === false) out.parallel_tool_calls = false;
  }
  const choice = req.toolChoice;
  if (choice !== undefined && req.tools.length > 0) {
    out.tool_choice =
      typeof choice === 'string'
        ? choice === 'any'
          ? 'required'
          : choice
        : { type: 'function', function: { name: choice.name } };
  }
  if (req.reasoning) {
    out.reasoning_effort = req.reasoning.effort ?? budgetEffort(req.reasoning.budgetTokens);
    if (req.reasoning.budgetTokens !== undefined) {
      lost.add(`thinking budget ${req.reasoning.budgetTokens} as reasoning_effort ${out.reasoning_effort}`);
    }
  }
  if (req.stream) {
    out.stream = true;
    out.stream_options = { include_usage: true };
  }
  return out;
}

/** One neutral message as Chat messages: tool results become `tool` messages, the rest one user/assistant message. */
function pushMessage(out: Json[], m: NeutralMessage, lost: Losses): void {
  if (m.role === 'assistant') {
    const textParts: string[] = [];
    const calls: Json[] = [];
    for (const p of m.parts) {
      if (p.type === 'text') textParts.push(p.text);
      else if (p.type === 'tool_call') {
        calls.push({ id: p.id, type: 'function', function: { name: p.name, arguments: p.arguments } });
      } else if (p.type === 'thinking') lost.add('thinking in history dropped (its signature cannot cross)');
    }
    const msg: Json = { role: 'assistant', content: textParts.length > 0 ? textParts.join('') : null };
    if (calls.length > 0) msg.tool_calls = calls;
    out.push(msg);
    return;
  }
  let content: Json[] = [];
  const flush = () => {
    if (content.length === 0) return;
    const only = content.length === 1 && content[0]?.type === 'text';
    out.push({ role: 'user', content: only ? (content[0] as Json).text : content });
    content = [];
  };
  for (const p of m.parts) {
    if (p.type === 'tool_result') {
      flush();
      out.push({ role: 'tool', tool_call_id: p.id, content: toolResultText(p.content, lost) });
      if (p.isError) lost.add('tool_result is_error folded into its text');
    } else if (p.type === 'text') content.push({ type: 'text', text: p.text });
    else if (p.type === 'image') content.push(imagePart(p));
  }
  flush();
}

function imagePart(p: Extract<NeutralPart, { type: 'image' }>): Json {
  const url = p.url ?? `data:${p.mediaType || 'image/png'};base64,${p.data ?? ''}`;
  return { type: 'image_url', image_url: { url } };
}

function toolResultText(parts: NeutralPart[], lost: Losses): string {
  const texts: string[] = [];
  for (const p of parts) {
    if (p.type === 'text') texts.push(p.text);
    else lost.add(`${p.type} inside a tool result dropped`);
  }
  return texts.join('\n');
}

/** Reads a Chat Completions request. */
export function decodeChatRequest(body: Json, lost: Losses): NeutralRequest {
  const system: string[] = [];
  const messages: NeutralMessage[] = [];
  const push = (role: 'user' | 'assistant', parts: NeutralPart[]) => {
    const last = messages[messages.length - 1];
    if (last && last.role === role) last.parts.push(...parts);
    else messages.push({ role, parts });
  };
  for (const m of arr(body.messages)) {
    if (!isObj(m)) continue;
    if (m.role === 'system' || m.role === 'developer') system.push(contentText(m.content));
    else if (m.role === 'tool') {
      push('user', [
        {
          type: 'tool_result',
          id: text(m.tool_call_id),
          content: [{ type: 'text', text: contentText(m.content) }],
          isError: false,
        },
      ]);
    } else if (m.role === 'assistant') {
      const parts: NeutralPart[] = [];
      const t = contentText(m.content);
      if (t) parts.push({ type: 'text', text: t });
      for (const c of arr(m.tool_calls)) {
        if (!isObj(c) || !isObj(c.function)) continue;
        parts.push({
          type: 'tool_call',
          id: text(c.id),
          name: text(c.function.name),
          arguments: argsText(c.function.arguments),
        });
      }
      push('assistant', parts);
    } else push('user', userParts(m.content, lost));
  }
  const req: NeutralRequest = {
    model: text(body.model),
    system: system.join('\n\n'),
    messages,
    tools: arr(body.tools).flatMap((t) =>
      isObj(t) && t.type === 'function' && isObj(t.function)
        ? [
            {
              name: text(t.function.name),
              description: text(t.function.description) || undefined,
              schema: t.function.parameters ?? { type: 'object' },
            },
          ]
        : [],
    ),
    toolChoice: chatToolChoice(body.tool_choice),
    maxTokens: num(body.max_completion_tokens) ?? num(body.max_tokens),
    temperature: num(body.temperature),
    topP: num(body.top_p),
    stop: typeof body.stop === 'string' ? [body.stop] : Array.isArray(body.stop) ? (body.stop as string[]) : undefined,
    stream: body.stream === true,
    cache: typeof body.prompt_cache_key === 'string',
  };
  const effort = text(body.reasoning_effort);
  if (effort === 'minimal' || effort === 'low' || effort === 'medium' || effort === 'high') req.reasoning = { effort };
  if (body.parallel_tool_calls === false) req.parallelToolCalls = false;
  for (const k of ['n', 'logprobs', 'response_format', 'seed', 'presence_penalty', 'frequency_penalty']) {
    if (body[k] !== undefined && body[k] !== null) lost.add(`${k} dropped`);
  }
  return req;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  return arr(content)
    .map((p) => (isObj(p) && p.type === 'text' ? text(p.text) : ''))
    .join('');
}

function userParts(content: unknown, lost: Losses): NeutralPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts: NeutralPart[] = [];
  for (const p of arr(content)) {
    if (!isObj(p)) continue;
    if (p.type === 'text') parts.push({ type: 'text', text: text(p.text) });
    else if (p.type === 'image_url' && isObj(p.image_url)) parts.push(imageFromUrl(text(p.image_url.url)));
    else lost.add(`${text(p.type)} content dropped`);
  }
  return parts;
}

/** A `data:` URL becomes base64 data with its media type; any other URL stays a URL. */
export function imageFromUrl(url: string): NeutralPart {
  const m = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  return m ? { type: 'image', mediaType: m[1], data: m[2] } : { type: 'image', url };
}

function chatToolChoice(c: unknown): ToolChoice | undefined {
  if (c === 'auto' || c === 'none') return c;
  if (c === 'required') return 'any';
  if (isObj(c) && isObj(c.function)) return { name: text(c.function.name) };
  return undefined;
}
