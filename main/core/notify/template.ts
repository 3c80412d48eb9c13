// The generic JSON target's template: {{placeholders}} filled with JSON-escaped values of the notification.
import type { Notification, NotificationText } from './notification';

const PLACEHOLDER = /(")?\{\{\s*([\w.]+)\s*\}\}(")?/g;

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
 * Renders a template. A placeholder standing alone in quotes (`"{{x}}"`) becomes the value as JSON (a string stays a
 * string, an object an object); inside a longer string it is spliced in JSON-escaped; unquoted it is the value as
 * JSON. Unknown placeholders become null (or an empty string inside a string).
 */
export function renderTemplate(template: string, n: Notification, text: NotificationText): string {
  return template.replace(PLACEHOLDER, (_m, open: string | undefined, path: string, close: string | undefined) => {
    const value = lookup(n, text, path);
    const json = JSON.stringify(value ?? null);
    if (open && close) return json;
    if (!open && !close) return json;
    // inside a longer string: the text, JSON-escaped (a non-string value as its JSON text)
    const asText = typeof value === 'string' ? value : value === undefined ? '' : json;
    return `${open ?? ''}${JSON.stringify(asText).slice(1, -1)}${close ?? ''}`;
  });
}
