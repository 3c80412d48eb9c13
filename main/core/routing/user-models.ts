// A user's model allowlist: names compared case-insensitively, `*` matching any run of characters.
//
// "claude-sonnet-4-5" admits exactly that model; "claude-*" every model starting "claude-"; "*-mini" and "gpt-*-mini"
// work the same way; "*" admits everything. No other wildcard syntax. An empty list admits every model.
// It is a guard before selection (the model is refused for this user whatever the provider), not a provider filter.

const compiled = new WeakMap<readonly string[], readonly RegExp[]>();

function compilePattern(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'is');
}

/** Whether the user may request `model` (compiled once per list; the registry builds new lists on every rebuild). */
export function userAllowsModel(patterns: readonly string[], model: string): boolean {
  if (patterns.length === 0) return true;
  let res = compiled.get(patterns);
  if (!res) {
    res = patterns.map(compilePattern);
    compiled.set(patterns, res);
  }
  for (const re of res) if (re.test(model)) return true;
  return false;
}
