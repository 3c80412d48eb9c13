// The real Codex CLI (`codex exec`) through the hub over the Responses WebSocket (its provider configured with
// `supports_websockets = true`), and over HTTP once the operator turns the WebSocket off.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const UPSTREAM_KEY = 'sk-openai-codex-upstream';
/** The installed CLI (`npx codex` from the repository root). */
const CODEX = join(process.cwd(), 'node_modules', '.bin', 'codex');
let fake: FakeUpstream;
let t: TestHub;
let home: string;
let key: string;
let keyId: string;

beforeAll(async () => {
  fake = await startFakeUpstream({ apiKey: UPSTREAM_KEY });
  t = await startTestHub();
  await t.addProvider(`${fake.url}/v1`, { type: 'openai-responses', apiKey: UPSTREAM_KEY, websocket: true });
  ({ key, keyId } = await t.addUserWithKey());
  home = mkdtempSync(join(tmpdir(), 'cchub-codex-'));
  writeFileSync(
    join(home, 'config.toml'),
    [
      'model = "gpt-5"',
      'model_provider = "cchub"',
      '[model_providers.cchub]',
      'name = "cchub"',
      `base_url = "${t.url}/v1"`,
      'env_key = "CCHUB_TEST_KEY"',
      'wire_api = "responses"',
      'supports_websockets = true',
      'request_max_retries = 0',
      'stream_max_retries = 0',
    ].join('\n'),
  );
});
afterAll(async () => {
  await t.stop();
  await fake.close();
  rmSync(home, { recursive: true, force: true });
});

function codexExec(prompt: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return codexExecWith(key, prompt);
}

function codexExecWith(
  hubKey: string,
  prompt: string,
  log = 'error',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(CODEX, ['exec', '--skip-git-repo-check', '--sandbox', 'read-only', prompt], {
      cwd: home,
      env: { ...process.env, CODEX_HOME: home, CCHUB_TEST_KEY: hubKey, RUST_LOG: log },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += String(c);
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += String(c);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function rows(): Record<string, unknown>[] {
  t.fold();
  return t.rows('SELECT * FROM requests WHERE key_id = ? ORDER BY created_at, id', keyId);
}

describe('Codex CLI over the Responses WebSocket', () => {
  it('codex exec runs its turns over a WebSocket through the hub, logged as websocket requests', async () => {
    fake.setDefault({ kind: 'ok', text: 'hello over the socket' });
    const run = await codexExec('say hello');
    expect(run.stdout + run.stderr).toContain('hello over the socket');
    expect(run.code).toBe(0);
    const logged = rows();
    // Codex warms the connection up (generate: false), then continues that response with only the new input: the
    // hub keeps the turn on the provider socket that holds it (the fake refuses an id it did not make there).
    const continued = fake.calls.filter((c) => (c.json as { previous_response_id?: string }).previous_response_id);
    expect(continued.length).toBeGreaterThan(0);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.every((r) => r.transport === 'websocket' && r.status === 200)).toBe(true);
    expect(fake.calls.filter((c) => c.method === 'WS').length).toBe(logged.length);
    expect(fake.calls.find((c) => c.method === 'WS')?.headers['openai-beta']).toContain('responses_websockets');
  }, 120_000);

  it('still works with the WebSocket turned off: the upgrade gets 426 and codex falls back to HTTP', async () => {
    await t.api('PATCH', '/api/v1/settings', { responsesWebSocket: false });
    fake.reset();
    fake.setDefault({ kind: 'ok', text: 'hello over http' });
    const before = rows().length;
    const run = await codexExec('say hello again');
    expect(run.stdout + run.stderr).toContain('hello over http');
    expect(run.code).toBe(0);
    const logged = rows().slice(before);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.every((r) => r.transport === 'http' && r.status === 200)).toBe(true);
  }, 120_000);
});

describe('Codex CLI told of refusals', () => {
  it('a bad key: the upgrade is refused with 401 and Codex reports the hub key as not valid', async () => {
    await t.api('PATCH', '/api/v1/settings', { responsesWebSocket: true });
    const run = await codexExecWith('sk-cchub-not-a-key', 'say hello');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/401 Unauthorized: this hub key is not valid \[cchub invalid_api_key/);
  }, 120_000);

  it('a spend limit: the turn gets an error event with 402, Codex reports it at once and says when it resets', async () => {
    await t.api('PATCH', '/api/v1/settings', { responsesWebSocket: true });
    const limited = await t.addUserWithKey({ limits: { dailyUsd: 0.000001 } });
    fake.setDefault({ kind: 'ok', text: 'spent', usage: { input: 100_000, output: 1000 } });
    const started = Date.now();
    const run = await codexExecWith(limited.key, 'spend');
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(
      /402 Payment Required: this key's user reached the daily spend limit.*\[cchub spend_limit/,
    );
    t.fold();
    const logged = t.rows('SELECT status, blocked_by, transport FROM requests WHERE key_id = ?', limited.keyId);
    expect(logged).toContainEqual({ status: 402, blocked_by: 'quota', transport: 'websocket' });
  }, 120_000);
});
