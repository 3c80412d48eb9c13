// The generic JSON target's template: {{placeholders}} filled with JSON-escaped values of the notification.
import type { Notification, NotificationText } from './notification';

const PLACEHOLDER = /^\{\{\s*([\w.]+)\s*\}\}/;

function lookup(n: Notification, text: NotificationText, path: string): unknown {
  switch (path) {
    case 'event':
      return n.event;
    case 'at':
      return n.at;
    case 'title':
      return text.title;
    case 'text':
      return text.lines.join('\n');
    case 'data':
      return n.data;
  }
  if (!path.startsWith('data.')) return undefined;
  let value: unknown = n.data;
  for (const part of path.slice(5).split('.')) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}

/**
 * Renders a template, scanning it as JSON text so it knows which placeholders stand inside a string. A placeholder
 * that is a whole string (`"{{x}}"`) becomes the value as JSON (a string stays a string, an object an object);
 * inside a longer string it is spliced in as JSON-escaped text; outside strings it is the value as JSON. Unknown
 * placeholders become null (or nothing inside a string).
 */
export function renderTemplate(template: string, n: Notification, text: NotificationText): string {
  let out = '';
  let inString = false;
  let i = 0;
  while (i < template.length) {
    const c = template[i] as string;
    const m = c === '{' ? PLACEHOLDER.exec(template.slice(i, i + 200)) : null;
    if (!m) {
      if (inString && c === '\\') {
        out += template.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (c === '"') inString = !inString;
      out += c;
      i++;
      continue;
    }
    const value = lookup(n, text, m[1] as string);
    const after = i + m[0].length;
    if (!inString) out += JSON.stringify(value ?? null);
    else if (out.endsWith('"') && template[after] === '"' && !out.endsWith('\\"')) {
      out = out.slice(0, -1) + JSON.stringify(value ?? null);
      inString = false;
      i = after + 1;
      continue;
    } else {
      const asText = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
      out += JSON.stringify(asText).slice(1, -1);
    }
    i = after;
  }
  return out;
}
