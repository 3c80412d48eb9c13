// Gemini generateContent requests ⇄ the neutral request.
import { argsObject, argsText, arr, isObj, type Json, newCallId, num, text } from '../neutral/json';
import type { Losses, NeutralMessage, NeutralPart, NeutralRequest, ToolChoice } from '../neutral/model';
import { effortBudget } from '../neutral/reasoning';

/**
 * Google's documented stand-in for a thought signature on a function call that came from another model: without one,
 * Gemini 3 refuses a history whose current turn has function calls.
 */
export const FOREIGN_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

export function encodeGeminiRequest(req: NeutralRequest, lost: Losses): Json {
  const names = new Map<string, string>();
  const contents: Json[] = [];
  for (const m of req.messages) {
    const parts = m.parts.flatMap((p) => encodePart(p, names, lost));
    if (parts.length > 0) contents.push({ role: m.role === 'assistant' ? 'model' : 'user', parts });
  }
  const out: Json = { contents };
  if (req.system) out.systemInstruction = { parts: [{ text: req.system }] };
  if (req.tools.length > 0) {
    out.tools = [
      {
        functionDeclarations: req.tools.map((t) => ({
          name: t.name,
          ...(t.description ? { description: t.description } : {}),
          parametersJsonSchema: t.schema,
        })),
      },
    ];
    const mode = functionMode(req.toolChoice);
    if (mode) out.toolConfig = { functionCallingConfig: mode };
  }
  const config: Json = {};
  if (req.maxTokens !== undefined) config.maxOutputTokens = req.maxTokens;
  if (req.temperature !== undefined) config.temperature = req.temperature;
  if (req.topP !== undefined) config.topP = req.topP;
  if (req.stop?.length) config.stopSequences = req.stop;
  if (req.reasoning) {
    const budget = req.reasoning.budgetTokens ?? effortBudget(req.reasoning.effort);
    config.thinkingConfig = { thinkingBudget: budget, includeThoughts: true };
    if (req.reasoning.budgetTokens === undefined) {
      lost.add(`reasoning effort ${req.reasoning.effort ?? 'medium'} as a thinking budget of ${budget}`);
    }
  }
  if (Object.keys(config).length > 0) out.generationConfig = config;
  if (req.parallelToolCalls === false) lost.add('disable_parallel_tool_use dropped');
  return out;
}

function functionMode(choice: ToolChoice | undefined): Json | undefined {
  if (choice === undefined || choice === 'auto') return undefined;
  if (choice === 'any') return { mode: 'ANY' };
  if (choice === 'none') return { mode: 'NONE' };
  return { mode: 'ANY', allowedFunctionNames: [choice.name] };
}

function encodePart(p: NeutralPart, names: Map<string, string>, lost: Losses): Json[] {
  switch (p.type) {
    case 'text':
      return p.text ? [{ text: p.text }] : [];
    case 'image':
      if (p.url) {
        lost.add('image URL sent as fileData (Gemini fetches only URLs it can reach)');
        return [{ fileData: { mimeType: p.mediaType || guessMime(p.url), fileUri: p.url } }];
      }
      return [{ inlineData: { mimeType: p.mediaType || 'image/png', data: p.data ?? '' } }];
    case 'tool_call':
      names.set(p.id, p.name);
      return [
        {
          functionCall: { id: p.id, name: p.name, args: argsObject(p.arguments) },
          thoughtSignature: FOREIGN_THOUGHT_SIGNATURE,
        },
      ];
    case 'tool_result': {
      const output = p.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
      if (p.content.some((c) => c.type !== 'text')) lost.add('non-text tool result content dropped');
      const response = p.isError ? { error: output } : { output };
      return [{ functionResponse: { id: p.id, name: p.name ?? names.get(p.id) ?? 'unknown', response } }];
    }
    case 'thinking':
      lost.add('thinking in history dropped (its signature cannot cross)');
      return [];
  }
}

function guessMime(url: string): string {
  if (/\.jpe?g$/i.test(url)) return 'image/jpeg';
  if (/\.webp$/i.test(url)) return 'image/webp';
  if (/\.gif$/i.test(url)) return 'image/gif';
  return 'image/png';
}

/** Reads a generateContent request (its model comes from the path: the caller sets it). */
export function decodeGeminiRequest(body: Json, lost: Losses): NeutralRequest {
  const messages: NeutralMessage[] = [];
  const ids: string[] = [];
  for (const c of arr(body.contents)) {
    if (!isObj(c)) continue;
    const parts: NeutralPart[] = [];
    for (const p of arr(c.parts)) {
      if (!isObj(p)) continue;
      if (typeof p.text === 'string')
        parts.push(p.thought === true ? { type: 'thinking', text: p.text } : { type: 'text', text: p.text });
      else if (isObj(p.inlineData)) {
        parts.push({ type: 'image', mediaType: text(p.inlineData.mimeType), data: text(p.inlineData.data) });
      } else if (isObj(p.fileData))
        parts.push({ type: 'image', url: text(p.fileData.fileUri), mediaType: text(p.fileData.mimeType) });
      else if (isObj(p.functionCall)) {
        const id = text(p.functionCall.id) || newCallId('call_');
        ids.push(id);
        parts.push({
          type: 'tool_call',
          id,
          name: text(p.functionCall.name),
          arguments: argsText(p.functionCall.args),
        });
      } else if (isObj(p.functionResponse)) {
        const id = text(p.functionResponse.id) || ids.shift() || newCallId('call_');
        const out = JSON.stringify(p.functionResponse.response ?? {});
        parts.push({
          type: 'tool_result',
          id,
          name: text(p.functionResponse.name),
          content: [{ type: 'text', text: out }],
          isError: false,
        });
      } else lost.add('unknown Gemini part dropped');
    }
    messages.push({ role: c.role === 'model' ? 'assistant' : 'user', parts });
  }
  const sys = isObj(body.systemInstruction) ? arr(body.systemInstruction.parts) : [];
  const cfg = isObj(body.generationConfig) ? body.generationConfig : {};
  const thinking = isObj(cfg.thinkingConfig) ? cfg.thinkingConfig : undefined;
  const req: NeutralRequest = {
    model: '',
    system: sys.map((p) => (isObj(p) ? text(p.text) : '')).join('\n'),
    messages,
    tools: arr(body.tools).flatMap((t) =>
      isObj(t)
        ? arr(t.functionDeclarations).flatMap((f) =>
            isObj(f)
              ? [
                  {
                    name: text(f.name),
                    description: text(f.description) || undefined,
                    schema: f.parametersJsonSchema ?? f.parameters ?? { type: 'object' },
                  },
                ]
              : [],
          )
        : [],
    ),
    maxTokens: num(cfg.maxOutputTokens),
    temperature: num(cfg.temperature),
    topP: num(cfg.topP),
    stop: Array.isArray(cfg.stopSequences) ? (cfg.stopSequences as string[]) : undefined,
    stream: false,
  };
  const budget = num(thinking?.thinkingBudget);
  if (budget !== undefined && budget !== 0)
    req.reasoning = budget > 0 ? { budgetTokens: budget } : { effort: 'medium' };
  const fcc =
    isObj(body.toolConfig) && isObj(body.toolConfig.functionCallingConfig)
      ? body.toolConfig.functionCallingConfig
      : undefined;
  if (fcc?.mode === 'ANY') {
    const only = arr(fcc.allowedFunctionNames);
    req.toolChoice = only.length === 1 ? { name: text(only[0]) } : 'any';
  } else if (fcc?.mode === 'NONE') req.toolChoice = 'none';
  if (body.safetySettings !== undefined) lost.add('safetySettings dropped');
  if (body.cachedContent !== undefined) lost.add('cachedContent dropped');
  return req;
}
