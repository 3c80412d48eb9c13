// Anthropic Messages requests ⇄ the neutral request.
import { argsObject, argsText, arr, isObj, type Json, num, text } from '../neutral/json';
import type { Losses, NeutralMessage, NeutralPart, NeutralRequest, NeutralTool, ToolChoice } from '../neutral/model';
import { effortBudget } from '../neutral/reasoning';

/** Reads a Messages request; what has no neutral form is named in `lost`. */
export function decodeAnthropicRequest(body: Json, lost: Losses): NeutralRequest {
  const system = systemText(body.system, lost);
  const messages: NeutralMessage[] = [];
  const extraSystem: string[] = [];
  for (const m of arr(body.messages)) {
    if (!isObj(m)) continue;
    if (m.role === 'system') {
      // Claude Code's mid-conversation system entries join the system prompt.
      extraSystem.push(blocksText(m.content));
      continue;
    }
    const role = m.role === 'assistant' ? 'assistant' : 'user';
    messages.push({ role, parts: contentParts(m.content, lost) });
  }
  const thinking = isObj(body.thinking) ? body.thinking : undefined;
  const req: NeutralRequest = {
    model: text(body.model),
    system: [system, ...extraSystem].filter((s) => s).join('\n\n'),
    messages,
    tools: tools(body.tools, lost),
    toolChoice: toolChoice(body.tool_choice),
    maxTokens: num(body.max_tokens),
    temperature: num(body.temperature),
    topP: num(body.top_p),
    stop: Array.isArray(body.stop_sequences) ? body.stop_sequences.filter((s) => typeof s === 'string') : undefined,
    stream: body.stream === true,
  };
  if (thinking && thinking.type === 'enabled') req.reasoning = { budgetTokens: num(thinking.budget_tokens) };
  else if (thinking && thinking.type === 'adaptive') lost.add('adaptive thinking left to the provider');
  if (isObj(body.tool_choice) && body.tool_choice.disable_parallel_tool_use === true) req.parallelToolCalls = false;
  if (body.top_k !== undefined) lost.add('top_k dropped');
  if (body.context_management !== undefined) lost.add('context_management dropped');
  if (body.mcp_servers !== undefined) lost.add('mcp_servers dropped');
  return req;
}

function systemText(system: unknown, lost: Losses): string {
  if (typeof system === 'string') return system;
  if (Array.isArray(system) && system.some((b) => isObj(b) && b.cache_control)) lost.add('cache_control dropped');
  return blocksText(system);
}

function blocksText(content: unknown): string {
  if (typeof content === 'string') return content;
  return arr(content)
    .map((b) => (isObj(b) && b.type === 'text' ? text(b.text) : ''))
    .filter((s) => s)
    .join('\n\n');
}

function contentParts(content: unknown, lost: Losses): NeutralPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts: NeutralPart[] = [];
  for (const b of arr(content)) {
    if (!isObj(b)) continue;
    if (b.cache_control) lost.add('cache_control dropped');
    const part = blockPart(b, lost);
    if (part) parts.push(part);
  }
  return parts;
}

function blockPart(b: Json, lost: Losses): NeutralPart | undefined {
  switch (b.type) {
    case 'text':
      return { type: 'text', text: text(b.text) };
    case 'image': {
      const src = isObj(b.source) ? b.source : {};
      if (src.type === 'url') return { type: 'image', url: text(src.url) };
      return { type: 'image', mediaType: text(src.media_type), data: text(src.data) };
    }
    case 'tool_use':
      return { type: 'tool_call', id: text(b.id), name: text(b.name), arguments: argsText(b.input) };
    case 'tool_result': {
      const content =
        typeof b.content === 'string' ? [{ type: 'text' as const, text: b.content }] : contentParts(b.content, lost);
      return { type: 'tool_result', id: text(b.tool_use_id), content, isError: b.is_error === true };
    }
    case 'thinking':
      return { type: 'thinking', text: text(b.thinking), signature: text(b.signature) || undefined };
    case 'redacted_thinking':
      lost.add('redacted_thinking dropped');
      return undefined;
    default:
      lost.add(`${text(b.type) || 'unknown'} block dropped`);
      return undefined;
  }
}

function tools(list: unknown, lost: Losses): NeutralTool[] {
  const out: NeutralTool[] = [];
  for (const t of arr(list)) {
    if (!isObj(t)) continue;
    if (t.input_schema === undefined) {
      lost.add(`server tool ${text(t.name) || text(t.type)} dropped`);
      continue;
    }
    out.push({ name: text(t.name), description: text(t.description) || undefined, schema: t.input_schema });
  }
  return out;
}

function toolChoice(c: unknown): ToolChoice | undefined {
  if (!isObj(c)) return undefined;
  if (c.type === 'tool') return { name: text(c.name) };
  if (c.type === 'any' || c.type === 'none' || c.type === 'auto') return c.type;
  return undefined;
}

/** Writes a Messages request (for clients of other formats on an Anthropic provider). */
export function encodeAnthropicRequest(req: NeutralRequest, lost: Losses): Json {
  const out: Json = { model: req.model, max_tokens: req.maxTokens ?? 8192 };
  if (req.system) out.system = req.system;
  out.messages = req.messages
    .map((m) => ({ role: m.role, content: encodeBlocks(m.parts, lost) }))
    .filter((m) => m.content.length > 0);
  if (req.tools.length > 0) {
    out.tools = req.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.schema }));
  }
  const choice = req.toolChoice;
  if (choice !== undefined && !(choice === 'none' && req.tools.length === 0)) {
    out.tool_choice = typeof choice === 'string' ? { type: choice } : { type: 'tool', name: choice.name };
    if (req.parallelToolCalls === false && choice !== 'none') {
      (out.tool_choice as Json).disable_parallel_tool_use = true;
    }
  }
  if (req.temperature !== undefined) out.temperature = req.temperature;
  if (req.topP !== undefined) out.top_p = req.topP;
  if (req.stop?.length) out.stop_sequences = req.stop;
  if (req.reasoning) {
    const budget = req.reasoning.budgetTokens ?? effortBudget(req.reasoning.effort);
    if (budget > 0) {
      out.thinking = { type: 'enabled', budget_tokens: Math.max(1024, budget) };
      if ((out.max_tokens as number) <= budget) out.max_tokens = budget + 4096;
      if (req.reasoning.budgetTokens === undefined)
        lost.add(`reasoning effort ${req.reasoning.effort} as a thinking budget of ${budget}`);
    }
  }
  if (out.thinking && out.temperature !== undefined && out.temperature !== 1) {
    delete out.temperature;
    lost.add('temperature dropped (Anthropic allows none beside thinking)');
  }
  if (req.cache) addCacheBreakpoints(out, lost);
  if (req.stream) out.stream = true;
  return out;
}

function encodeBlock(p: NeutralPart, lost: Losses): Json {
  switch (p.type) {
    case 'text':
      return { type: 'text', text: p.text };
    case 'image':
      return p.url
        ? { type: 'image', source: { type: 'url', url: p.url } }
        : { type: 'image', source: { type: 'base64', media_type: p.mediaType || 'image/png', data: p.data ?? '' } };
    case 'tool_call':
      return { type: 'tool_use', id: p.id, name: p.name, input: argsObject(p.arguments) };
    case 'tool_result':
      return {
        type: 'tool_result',
        tool_use_id: p.id,
        content: encodeBlocks(p.content, lost),
        ...(p.isError ? { is_error: true } : {}),
      };
    case 'thinking':
      return { type: 'thinking', thinking: p.text, signature: p.signature };
  }
}

/** A message's blocks; thinking without an Anthropic signature is dropped (Anthropic refuses it). */
function encodeBlocks(parts: NeutralPart[], lost: Losses): Json[] {
  const out: Json[] = [];
  for (const p of parts) {
    if (p.type === 'thinking' && !p.signature) {
      lost.add('thinking without an Anthropic signature dropped');
      continue;
    }
    out.push(encodeBlock(p, lost));
  }
  return out;
}

/**
 * Prompt caching the client asked for by key: breakpoints on the system prompt and on the newest message, so the
 * conversation's prefix is cached as the other format's automatic caching would.
 */
function addCacheBreakpoints(out: Json, lost: Losses): void {
  if (typeof out.system === 'string') out.system = [{ type: 'text', text: out.system, cache_control: EPHEMERAL }];
  const messages = out.messages as { content: Json[] }[];
  const last = messages[messages.length - 1]?.content;
  const block = last?.[last.length - 1];
  if (block) block.cache_control = EPHEMERAL;
  lost.add('prompt_cache_key as cache_control breakpoints on the system prompt and the newest message');
}

const EPHEMERAL = { type: 'ephemeral' };
