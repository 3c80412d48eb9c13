// The real Codex CLI (`codex exec`) through a hub whose only provider speaks Anthropic Messages: a plain answer, and a
// run with a shell tool call whose output goes back to the provider as a tool_result.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { runCli } from './run-cli';

const UPSTREAM_MODEL = 'claude-sonnet-4-5';

let fake: FakeUpstream;
let t: TestHub;
let home: string;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeUpstream();
  t = await startTestHub();
  await t.addProvider(fake.url, {
    type: 'anthropic',
    serves: ['openai-responses'],
    modelRedirects: [{ match: 'prefix', pattern: 'gpt-', target: UPSTREAM_MODEL }],
  });
  const { key } = await t.addUserWithKey();
  home = mkdtempSync(join(tmpdir(), 'cchub-codex-'));
  const codexHome = join(home, '.codex');
  mkdirSync(codexHome);
  // A custom provider speaking the Responses API at the hub (codex-rs `model_providers`, wire_api = "responses").
  writeFileSync(
    join(codexHome, 'config.toml'),
    [
      'model = "gpt-5"',
      'model_provider = "cchub"',
      '[model_providers.cchub]',
      'name = "cchub"',
      `base_url = "${t.url}/v1"`,
      'env_key = "CCHUB_KEY"',
      'wire_api = "responses"',
      '',
    ].join('\n'),
  );
  env = { HOME: home, CODEX_HOME: codexHome, CCHUB_KEY: key };
});
afterAll(async () => {
  await t.stop();
  await fake.close();
});

function messageRows(): Record<string, unknown>[] {
  t.fold();
  return t.rows("SELECT * FROM requests WHERE endpoint = 'responses' ORDER BY created_at, id");
}

describe('Codex CLI on an Anthropic provider', () => {
  it('codex exec prints the answer; the row is translated, its tokens exact', async () => {
    fake.setDefault({
      kind: 'ok',
      text: 'Hello from Claude.',
      usage: { input: 3000, output: 5, cacheRead: 7000, cacheWrite5m: 100 },
    });
    const run = await runCli('codex', ['exec', '--skip-git-repo-check', 'say hello'], home, env);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('Hello from Claude.');
    const call = fake.calls.find((c) => c.path === '/v1/messages');
    const body = call?.json as {
      model: string;
      stream: boolean;
      system: { text: string }[];
      tools: { name: string }[];
    };
    expect(body).toMatchObject({ model: UPSTREAM_MODEL, stream: true });
    expect(body.system[0]?.text).toContain('Codex');
    expect(body.tools.map((x) => x.name)).toContain('exec_command');
    const r = messageRows().at(-1);
    expect(r).toMatchObject({
      status: 200,
      translated_from: 'openai-responses',
      input_tokens: 3000,
      cache_read_tokens: 7000,
      cache_write_5m_tokens: 100,
      output_tokens: 5,
    });
  });

  it('codex exec runs a shell call and sends its output back as a tool_result', async () => {
    fake.reset();
    writeFileSync(join(home, 'note.txt'), 'the secret word is pineapple\n');
    fake.enqueue(
      {
        kind: 'ok',
        text: '',
        toolCall: { name: 'exec_command', arguments: { cmd: 'cat note.txt' } },
        usage: { input: 900, output: 12 },
      },
      { kind: 'ok', text: 'The word is pineapple.', usage: { input: 950, output: 6 } },
    );
    fake.setDefault({ kind: 'ok', text: 'unexpected extra request' });
    const run = await runCli(
      'codex',
      ['exec', '--skip-git-repo-check', 'what is the secret word in note.txt?'],
      home,
      env,
    );
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('The word is pineapple.');
    const sent = fake.calls.filter((c) => c.path === '/v1/messages');
    expect(sent).toHaveLength(2);
    const second = sent[1]?.json as { messages: { role: string; content: Record<string, unknown>[] }[] };
    const messages = second.messages;
    const blocks = messages.flatMap((m) => m.content);
    const use = blocks.find((b) => b.type === 'tool_use');
    const result = blocks.find((b) => b.type === 'tool_result');
    expect(use).toMatchObject({ name: 'exec_command', input: { cmd: 'cat note.txt' } });
    expect(result?.tool_use_id).toBe(use?.id);
    expect(JSON.stringify(result?.content)).toContain('pineapple');
    expect(
      messageRows()
        .slice(-2)
        .map((r) => [r.input_tokens, r.output_tokens]),
    ).toEqual([
      [900, 12],
      [950, 6],
    ]);
  });
});
