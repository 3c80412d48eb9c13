// Model list bodies in the Anthropic, OpenAI and Gemini shapes, rendered once per fake.

export const DEFAULT_MODELS = [
  'claude-sonnet-4-6',
  'claude-opus-4-6',
  'claude-haiku-4-5',
  'gpt-5',
  'gpt-4o-mini',
  'gemini-2.5-flash',
];

const CREATED_AT = '2025-09-29T00:00:00Z';
const CREATED_UNIX = Math.floor(Date.parse(CREATED_AT) / 1000);

/** 'claude-sonnet-4-6' -> 'Claude Sonnet 4.6' */
export function displayName(id: string): string {
  const words: string[] = [];
  for (const part of id.split('-')) {
    const previous = words[words.length - 1];
    if (/^\d+$/.test(part) && previous !== undefined && /\d$/.test(previous)) {
      words[words.length - 1] = `${previous}.${part}`;
    } else {
      words.push(part.charAt(0).toUpperCase() + part.slice(1));
    }
  }
  return words.join(' ');
}

export interface ModelBodies {
  anthropic: string;
  openAi: string;
  gemini: string;
}

export function renderModelBodies(ids: readonly string[]): ModelBodies {
  return {
    anthropic: JSON.stringify({
      data: ids.map((id) => ({ type: 'model', id, display_name: displayName(id), created_at: CREATED_AT })),
      has_more: false,
      first_id: ids[0] ?? null,
      last_id: ids[ids.length - 1] ?? null,
    }),
    openAi: JSON.stringify({
      object: 'list',
      data: ids.map((id) => ({ id, object: 'model', created: CREATED_UNIX, owned_by: ownerOf(id) })),
    }),
    gemini: JSON.stringify({
      models: ids.map((id) => ({
        name: `models/${id}`,
        displayName: displayName(id),
        supportedGenerationMethods: ['generateContent', 'countTokens'],
      })),
    }),
  };
}

function ownerOf(id: string): string {
  if (id.startsWith('claude')) return 'anthropic';
  if (id.startsWith('gemini')) return 'google';
  return 'openai';
}
