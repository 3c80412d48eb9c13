// Client recognition from the User-Agent and headers real clients send.
import { describe, expect, it } from 'vitest';
import { recogniseClient } from './recognise-client';

describe('recogniseClient', () => {
  it.each([
    [{ 'user-agent': 'claude-cli/2.1.337 (external, sdk-cli)', 'x-app': 'cli' }, 'claude-code', '2.1.337'],
    [
      { 'user-agent': 'codex_exec/0.171.0 (Debian 12; x86_64) xterm', originator: 'codex_exec' },
      'codex-cli',
      '0.171.0',
    ],
    [{ 'user-agent': 'something', originator: 'codex_cli_rs' }, 'codex-cli', undefined],
    [{ 'user-agent': 'GeminiCLI/0.9.0 (linux; x64)' }, 'gemini-cli', '0.9.0'],
    [{ 'user-agent': 'Anthropic/JS 1.17.0', 'x-stainless-lang': 'js' }, 'anthropic-sdk', '1.17.0'],
    [{ 'user-agent': 'OpenAI/Python 1.99.0' }, 'openai-sdk', '1.99.0'],
    [{ 'x-goog-api-client': 'google-genai-sdk/3.6.1 gl-node/v24.22.3' }, 'google-genai-sdk', '3.6.1'],
    [{ 'user-agent': 'curl/8.0' }, undefined, undefined],
  ])('%o → %s %s', (headers, name, version) => {
    const c = recogniseClient(headers);
    expect(c.name).toBe(name);
    expect(c.version).toBe(version);
  });
});
