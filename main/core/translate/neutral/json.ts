// Small readers over parsed JSON that the translators share.

export type Json = Record<string, unknown>;

export function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The JSON text of a call's input object ('{}' when it has none). */
export function argsText(v: unknown): string {
  if (typeof v === 'string') return v || '{}';
  return JSON.stringify(v ?? {});
}

/** A call's arguments as an object; text that is no JSON object becomes `{}` (the model wrote bad JSON). */
export function argsObject(json: string): Json {
  try {
    const v = JSON.parse(json || '{}') as unknown;
    return isObj(v) ? v : {};
  } catch {
    return {};
  }
}

let counter = 0;
/** An id for something the upstream named none (Gemini function calls): unique within the process. */
export function newCallId(prefix: string): string {
  counter = (counter + 1) % 1e9;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36)}`;
}
