// Model ids from an upstream's model-list body, in either list shape the formats use.

/** Ids of an Anthropic/OpenAI (`data[].id`) or Gemini (`models[].name`, without `models/`) list body; [] otherwise. */
export function readModelIds(text: string): string[] {
  try {
    const j = JSON.parse(text) as { data?: { id?: unknown }[]; models?: { name?: unknown }[] };
    if (Array.isArray(j.data)) return j.data.map((m) => m.id).filter((id): id is string => typeof id === 'string');
    if (Array.isArray(j.models)) {
      return j.models
        .map((m) => m.name)
        .filter((n): n is string => typeof n === 'string')
        .map((n) => n.replace(/^models\//, ''));
    }
  } catch {
    // not a model list
  }
  return [];
}
