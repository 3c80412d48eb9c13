// Names the client behind a User-Agent (claude-code, codex-cli, gemini-cli, the official SDKs) for the sessions list.

const CLIENTS: readonly [RegExp, string][] = [
  [/^claude-cli\/(\S+)/i, 'claude-code'],
  [/^codex_(?:cli_rs|exec|vscode)\/(\S+)/i, 'codex-cli'],
  [/^GeminiCLI\/(\S+)/i, 'gemini-cli'],
  [/^Anthropic\/(?:JS|Python) (\S+)/i, 'anthropic-sdk'],
  [/^OpenAI\/(?:JS|Python) (\S+)/i, 'openai-sdk'],
  [/google-genai-sdk\/(\S+)/i, 'google-genai-sdk'],
];

/** "claude-code 2.1.3", or the User-Agent's first product token when the client is not one of the known ones. */
export function clientName(userAgent: string | null): string | null {
  if (!userAgent) return null;
  for (const [pattern, name] of CLIENTS) {
    const m = pattern.exec(userAgent);
    if (m) return `${name} ${m[1]}`;
  }
  return userAgent.split(/[\s(]/, 1)[0]?.slice(0, 100) || null;
}
