// The fake's real upstream errors and the checks real upstreams make, read back through the official SDKs.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, REAL_ERRORS, startFakeUpstream } from './index';

let fake: FakeUpstream;
let other: FakeUpstream;
let codex: FakeUpstream;

beforeAll(async () => {
  fake = await startFakeUpstream();
  other = await startFakeUpstream();
  codex = await startFakeUpstream({ codexBackend: true });
});
afterAll(async () => {
  await Promise.all([fake.close(), other.close(), codex.close()]);
});
afterEach(() => {
  fake.reset();
  codex.reset();
});

const anthropic = (f: FakeUpstream) => new Anthropic({ apiKey: 'k', baseURL: f.url, maxRetries: 0 });
const openai = (f: FakeUpstream) => new OpenAI({ apiKey: 'k', baseURL: `${f.url}/v1`, maxRetries: 0 });
const MODEL = 'claude-sonnet-4-6';
const THINKING = { type: 'enabled', budget_tokens: 2048 } as const;

describe('real errors', () => {
  it('answers a named real error with its status and body', async () => {
    fake.enqueue({ kind: 'realError', error: 'anthropic.invalid-thinking-signature' });
    const err = await anthropic(fake)
      .messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    const e = err as InstanceType<typeof Anthropic.BadRequestError>;
    expect(e.status).toBe(400);
    expect(e.error).toMatchObject({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message: 'messages.1.content.0: Invalid `signature` in `thinking` block',
      },
    });
  });

  it('OpenAI: insufficient_quota is a 429 with its own code', async () => {
    fake.enqueue({ kind: 'realError', error: 'openai.insufficient-quota' });
    const err = await openai(fake)
      .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect((err as InstanceType<typeof OpenAI.RateLimitError>).code).toBe('insufficient_quota');
    expect(REAL_ERRORS['openai.insufficient-quota'].status).toBe(429);
  });
});

describe('the checks a real upstream makes', () => {
  it('a thinking answer is signed, and only its own signature is accepted back', async () => {
    const first = await anthropic(fake).messages.create({
      model: MODEL,
      max_tokens: 4096,
      thinking: THINKING,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const [thinking] = first.content;
    expect(thinking).toMatchObject({ type: 'thinking', signature: expect.any(String) });
    const turn2 = {
      model: MODEL,
      max_tokens: 4096,
      thinking: THINKING,
      messages: [
        { role: 'user' as const, content: 'hi' },
        { role: 'assistant' as const, content: first.content },
        { role: 'user' as const, content: 'more' },
      ],
    };
    await expect(anthropic(fake).messages.create(turn2)).resolves.toMatchObject({ type: 'message' });
    const err = await anthropic(other)
      .messages.create(turn2)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect((err as Error).message).toContain('messages.1.content.0: Invalid `signature` in `thinking` block');
  });

  it('a thinking budget not below max_tokens is refused as Anthropic refuses it', async () => {
    const err = await anthropic(fake)
      .messages.create({
        model: MODEL,
        max_tokens: 2048,
        thinking: THINKING,
        messages: [{ role: 'user', content: 'x' }],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect((err as Error).message).toContain('`max_tokens` must be greater than `thinking.budget_tokens`');
  });

  it('the Codex backend refuses a string input; the public API shape (a list) passes', async () => {
    const err = await openai(codex)
      .responses.create({ model: 'gpt-5', input: 'hi' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).error).toEqual({ detail: 'Input must be a list' });
    const ok = await openai(codex).responses.create({
      model: 'gpt-5',
      input: [{ type: 'message', role: 'user', content: 'hi' }],
    });
    expect(ok.status).toBe('completed');
    await expect(openai(fake).responses.create({ model: 'gpt-5', input: 'hi' })).resolves.toMatchObject({
      status: 'completed',
    });
  });
});
