// Collecting the system prompt and user text of a request (what content rules read), shared by every format.

/** Adds a content value's text: a string, or the `text` of each part whose type is one of `types` (any, if absent). */
export function pushContentText(out: string[], content: unknown, types?: readonly string[]): void {
  if (typeof content === 'string') {
    if (content !== '') out.push(content);
    return;
  }
  if (!Array.isArray(content)) return;
  for (const part of content) {
    if (typeof part !== 'object' || part === null) continue;
    const p = part as { type?: unknown; text?: unknown };
    if (typeof p.text !== 'string' || p.text === '') continue;
    if (types && !(typeof p.type === 'string' && types.includes(p.type))) continue;
    out.push(p.text);
  }
}

/** Adds the content of each message whose role is one of `roles` (`roleless`: a message without a role counts too). */
export function pushMessagesText(
  out: string[],
  messages: unknown,
  roles: readonly string[],
  pick: (message: Record<string, unknown>) => unknown,
  types?: readonly string[],
  roleless = false,
): void {
  if (!Array.isArray(messages)) return;
  for (const m of messages) {
    if (typeof m !== 'object' || m === null) continue;
    const role = (m as { role?: unknown }).role;
    if (typeof role === 'string' ? !roles.includes(role) : !roleless) continue;
    pushContentText(out, pick(m as Record<string, unknown>), types);
  }
}
