// The neutral request → an OpenAI Responses request (stateless: store false, the whole conversation as input items).
import type { Json } from '../neutral/json';
import type { Losses, NeutralMessage, NeutralPart, NeutralRequest } from '../neutral/model';
import { budgetEffort } from '../neutral/reasoning';

export function encodeResponsesRequest(req: NeutralRequest, lost: Losses): Json {
  const input: Json[] = [];
  for (const m of req.messages) pushItems(input, m, lost);
  const out: Json = { model: req.model, input, store: false };
  if (req.system) out.instructions = req.system;
  if (req.tools.length > 0) {
    out.tools = req.tools.map((t) => ({
      type: 'function',
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      parameters: t.schema,
      strict: false,
    }));
    const choice = req.toolChoice;
    if (choice !== undefined) {
      out.tool_choice =
        typeof choice === 'string' ? (choice === 'any' ? 'required' : choice) : { type: 'function', name: choice.name };
    }
    if (req.parallelToolCalls === false) out.parallel_tool_calls = false;
  }
  if (req.maxTokens !== undefined) out.max_output_tokens = req.maxTokens;
  if (req.temperature !== undefined) out.temperature = req.temperature;
  if (req.topP !== undefined) out.top_p = req.topP;
  if (req.stop?.length) lost.add('stop sequences dropped (the Responses API has none)');
  if (req.reasoning) {
    const effort = req.reasoning.effort ?? budgetEffort(req.reasoning.budgetTokens);
    out.reasoning = { effort, summary: 'auto' };
    if (req.reasoning.budgetTokens !== undefined) {
      lost.add(`thinking budget ${req.reasoning.budgetTokens} as reasoning effort ${effort}`);
    }
  }
  if (req.stream) out.stream = true;
  return out;
}

function pushItems(out: Json[], m: NeutralMessage, lost: Losses): void {
  let content: Json[] = [];
  const flush = () => {
    if (content.length === 0) return;
    out.push({ type: 'message', role: m.role, content });
    content = [];
  };
  for (const p of m.parts) {
    if (p.type === 'tool_call') {
      flush();
      out.push({ type: 'function_call', call_id: p.id, name: p.name, arguments: p.arguments || '{}' });
    } else if (p.type === 'tool_result') {
      flush();
      out.push({ type: 'function_call_output', call_id: p.id, output: resultText(p.content, lost) });
    } else if (p.type === 'thinking') {
      lost.add('thinking in history dropped (its signature cannot cross)');
    } else if (p.type === 'text') {
      content.push({ type: m.role === 'assistant' ? 'output_text' : 'input_text', text: p.text });
    } else if (p.type === 'image') {
      const url = p.url ?? `data:${p.mediaType || 'image/png'};base64,${p.data ?? ''}`;
      content.push({ type: 'input_image', image_url: url, detail: 'auto' });
    }
  }
  flush();
}

function resultText(parts: NeutralPart[], lost: Losses): string {
  const texts: string[] = [];
  for (const p of parts) {
    if (p.type === 'text') texts.push(p.text);
    else lost.add(`${p.type} inside a tool result dropped`);
  }
  return texts.join('\n');
}
