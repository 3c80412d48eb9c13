// OpenAI Responses requests → the neutral request (Codex CLI's shape included: developer messages, function and
// custom tools, reasoning items carried back).
import { argsText, arr, isObj, type Json, num, text } from '../neutral/json';
import type { Losses, NeutralMessage, NeutralPart, NeutralRequest, NeutralTool, ToolChoice } from '../neutral/model';

/**
 * A reasoning item's `encrypted_content` the hub wrote holds an Anthropic thinking signature behind this prefix, so a
 * thinking block goes back to Anthropic intact; any other encrypted content is OpenAI's and cannot cross.
 */
export const ANTHROPIC_SIGNATURE_PREFIX = 'cchub.anthropic.';

/** The argument a custom (freeform) tool's text travels in when its provider knows only JSON tools. */
export const CUSTOM_TOOL_INPUT = 'input';

export function decodeResponsesRequest(body: Json, lost: Losses): NeutralRequest {
  const system: string[] = [];
  if (typeof body.instructions === 'string' && body.instructions) system.push(body.instructions);
  const messages: NeutralMessage[] = [];
  const push = (role: 'user' | 'assistant', parts: NeutralPart[]) => {
    if (parts.length === 0) return;
    const last = messages[messages.length - 1];
    if (last && last.role === role) last.parts.push(...parts);
    else messages.push({ role, parts });
  };
  const input =
    typeof body.input === 'string' ? [{ type: 'message', role: 'user', content: body.input }] : arr(body.input);
  for (const item of input) {
    if (!isObj(item)) continue;
    const type = item.type ?? (item.role ? 'message' : undefined);
    switch (type) {
      case 'message': {
        if (item.role === 'developer' || item.role === 'system') system.push(contentText(item.content));
        else push(item.role === 'assistant' ? 'assistant' : 'user', contentParts(item.content, lost));
        break;
      }
      case 'function_call':
        push('assistant', [
          { type: 'tool_call', id: text(item.call_id), name: text(item.name), arguments: argsText(item.arguments) },
        ]);
        break;
      case 'custom_tool_call':
        push('assistant', [
          {
            type: 'tool_call',
            id: text(item.call_id),
            name: text(item.name),
            arguments: JSON.stringify({ [CUSTOM_TOOL_INPUT]: text(item.input) }),
          },
        ]);
        break;
      case 'function_call_output':
      case 'custom_tool_call_output':
        push('user', [
          { type: 'tool_result', id: text(item.call_id), content: outputParts(item.output, lost), isError: false },
        ]);
        break;
      case 'reasoning': {
        const encrypted = text(item.encrypted_content);
        const summary = arr(item.summary)
          .map((s) => (isObj(s) ? text(s.text) : ''))
          .join('\n\n');
        if (encrypted.startsWith(ANTHROPIC_SIGNATURE_PREFIX)) {
          push('assistant', [
            { type: 'thinking', text: summary, signature: encrypted.slice(ANTHROPIC_SIGNATURE_PREFIX.length) },
          ]);
        } else lost.add('reasoning item of another provider dropped');
        break;
      }
      default:
        lost.add(`${text(type) || 'unknown'} input item dropped`);
    }
  }
  const reasoning = isObj(body.reasoning) ? body.reasoning : {};
  const effort = text(reasoning.effort);
  const req: NeutralRequest = {
    model: text(body.model),
    system: system.filter((s) => s).join('\n\n'),
    messages,
    tools: tools(body.tools, lost),
    toolChoice: toolChoice(body.tool_choice),
    maxTokens: num(body.max_output_tokens),
    temperature: num(body.temperature),
    topP: num(body.top_p),
    stream: body.stream === true,
    cache: typeof body.prompt_cache_key === 'string',
  };
  if (effort === 'minimal' || effort === 'low' || effort === 'medium' || effort === 'high') req.reasoning = { effort };
  else if (effort === 'xhigh') req.reasoning = { effort: 'high' };
  if (body.parallel_tool_calls === false) req.parallelToolCalls = false;
  const format = isObj(body.text) && isObj(body.text.format) ? body.text.format.type : undefined;
  if (format !== undefined && format !== 'text') lost.add(`text.format ${text(format)} dropped`);
  if (body.previous_response_id) lost.add('previous_response_id dropped (the provider keeps no responses)');
  return req;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  return arr(content)
    .map((c) => (isObj(c) ? text(c.text) : ''))
    .filter((s) => s)
    .join('\n\n');
}

function contentParts(content: unknown, lost: Losses): NeutralPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts: NeutralPart[] = [];
  for (const c of arr(content)) {
    if (!isObj(c)) continue;
    if (c.type === 'input_text' || c.type === 'output_text' || c.type === 'text')
      parts.push({ type: 'text', text: text(c.text) });
    else if (c.type === 'input_image' && typeof c.image_url === 'string') parts.push(imageOf(c.image_url));
    else if (c.type === 'refusal') parts.push({ type: 'text', text: text(c.refusal) });
    else lost.add(`${text(c.type)} content dropped`);
  }
  return parts;
}

function imageOf(url: string): NeutralPart {
  const m = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  return m ? { type: 'image', mediaType: m[1], data: m[2] } : { type: 'image', url };
}

function outputParts(output: unknown, lost: Losses): NeutralPart[] {
  if (typeof output === 'string') return [{ type: 'text', text: output }];
  return contentParts(output, lost);
}

function tools(list: unknown, lost: Losses): NeutralTool[] {
  const out: NeutralTool[] = [];
  for (const t of arr(list)) {
    if (!isObj(t)) continue;
    if (t.type === 'function') {
      out.push({
        name: text(t.name),
        description: text(t.description) || undefined,
        schema: t.parameters ?? { type: 'object' },
      });
    } else if (t.type === 'custom') {
      out.push({
        name: text(t.name),
        description: text(t.description) || undefined,
        schema: {
          type: 'object',
          properties: { [CUSTOM_TOOL_INPUT]: { type: 'string', description: 'the raw input of this freeform tool' } },
          required: [CUSTOM_TOOL_INPUT],
        },
        custom: true,
      });
      if (t.format !== undefined) lost.add(`custom tool ${text(t.name)}: its grammar given as a string argument`);
    } else lost.add(`${text(t.type)} tool${t.name ? ` ${text(t.name)}` : ''} dropped`);
  }
  return out;
}

function toolChoice(c: unknown): ToolChoice | undefined {
  if (c === 'auto' || c === 'none') return c;
  if (c === 'required') return 'any';
  if (isObj(c) && (c.type === 'function' || c.type === 'custom') && typeof c.name === 'string') return { name: c.name };
  return undefined;
}
