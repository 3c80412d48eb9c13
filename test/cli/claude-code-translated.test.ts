// The real Claude Code CLI (`claude -p`) through a hub whose only provider speaks another format: a plain answer,
// and a stream-json run with a tool call whose result goes back to the provider in its own format.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { claudeEnv, runCli } from './run-cli';

interface Setup {
  fake: FakeUpstream;
  t: TestHub;
  key: string;
}

async function hubWithOnly(type: 'openai-chat' | 'gemini', model: string): Promise<Setup> {
  const fake = await startFakeUpstream();
  const t = await startTestHub();
  await t.addProvider(fake.url, {
    type,
    serves: ['anthropic'],
    modelRedirects: [{ match: 'contains', pattern: 'claude', target: model }],
  });
  const { key } = await t.addUserWithKey();
  return { fake, t, key };
}

function rows(t: TestHub): Record<string, unknown>[] {
  t.fold();
  return t.rows("SELECT * FROM requests WHERE endpoint = 'messages' ORDER BY created_at, id");
}

for (const [type, model, endpoint] of [
  ['openai-chat', 'gpt-4o-mini', '/v1/chat/completions'],
  ['gemini', 'gemini-2.5-flash', '/v1beta/models/gemini-2.5-flash:streamGenerateContent'],
] as const) {
  describe(`Claude Code on a provider that speaks ${type}`, () => {
    let s: Setup;
    let home: string;
    beforeAll(async () => {
      s = await hubWithOnly(type, model);
      home = mkdtempSync(join(tmpdir(), 'cchub-claude-'));
    });
    afterAll(async () => {
      await s.t.stop();
      await s.fake.close();
    });

    it('claude -p prints the answer; the row is translated, its tokens exact', async () => {
      s.fake.setDefault({
        kind: 'ok',
        text: 'Hello from the chat provider.',
        usage: { input: 900, output: 6, cacheRead: 100 },
      });
      const run = await runCli('claude', ['-p', 'say hello'], home, claudeEnv(home, s.t.url, s.key));
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe('Hello from the chat provider.');
      expect(s.fake.calls.some((c) => c.path === endpoint)).toBe(true);
      const r = rows(s.t).at(-1);
      expect(r).toMatchObject({
        status: 200,
        translated_from: 'anthropic',
        input_tokens: 900,
        cache_read_tokens: 100,
        output_tokens: 6,
      });
    });

    it('claude -p --output-format stream-json runs a tool call and answers from its result', async () => {
      s.fake.reset();
      const note = join(home, 'note.txt');
      writeFileSync(note, 'the secret word is pineapple\n');
      s.fake.enqueue(
        {
          kind: 'ok',
          text: '',
          toolCall: { name: 'Read', arguments: { file_path: note } },
          usage: { input: 500, output: 20 },
        },
        { kind: 'ok', text: 'The word is pineapple.', usage: { input: 700, output: 5, cacheRead: 300 } },
      );
      s.fake.setDefault({ kind: 'ok', text: 'unexpected extra request' });
      const run = await runCli(
        'claude',
        ['-p', 'what is the secret word in note.txt?', '--output-format', 'stream-json', '--verbose'],
        home,
        claudeEnv(home, s.t.url, s.key),
      );
      expect(run.code).toBe(0);
      const lines = run.stdout
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const toolUse = lines
        .filter((l) => l.type === 'assistant')
        .flatMap((l) => (l.message as { content: { type: string; name?: string; input?: unknown }[] }).content)
        .find((c) => c.type === 'tool_use');
      expect(toolUse).toMatchObject({ name: 'Read', input: { file_path: note } });
      const result = lines.find((l) => l.type === 'result');
      expect(result).toMatchObject({ subtype: 'success', result: 'The word is pineapple.' });
      // The second request carried the tool's output back in the provider's format, answering the call.
      const sent = s.fake.calls.filter((c) => c.path === endpoint);
      expect(sent).toHaveLength(2);
      expect(toolOutputSent(type, sent[1]?.json)).toContain('pineapple');
      const logged = rows(s.t).slice(-2);
      expect(logged.map((r) => [r.input_tokens, r.cache_read_tokens, r.output_tokens])).toEqual([
        [500, 0, 20],
        [700, 300, 5],
      ]);
    });
  });
}

/** The tool output the second request carries: a chat `tool` message answering the call's id, a Gemini functionResponse. */
function toolOutputSent(type: 'openai-chat' | 'gemini', json: unknown): string {
  if (type === 'openai-chat') {
    const messages = (
      json as { messages: { role: string; tool_call_id?: string; content?: unknown; tool_calls?: { id: string }[] }[] }
    ).messages;
    const call = messages.find((m) => m.role === 'assistant')?.tool_calls?.[0];
    const tool = messages.find((m) => m.role === 'tool');
    return call && tool?.tool_call_id === call.id ? String(tool.content) : '';
  }
  const contents = (
    json as { contents: { parts: Record<string, { id?: string; response?: { output?: string } }>[] }[] }
  ).contents;
  const parts = contents.flatMap((c) => c.parts);
  const call = parts.find((p) => p.functionCall)?.functionCall;
  const response = parts.find((p) => p.functionResponse)?.functionResponse;
  return call && response && response.id === call.id ? String(response.response?.output) : '';
}
