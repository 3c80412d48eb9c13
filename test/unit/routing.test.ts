import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { requestFieldsOf } from '../../main/core/formats/common/request-fields';
import type { ProviderRuntime } from '../../main/core/model/entities';
import { DecisionChain } from '../../main/core/routing/decision-chain';
import { eligibleProviders, pickProvider } from '../../main/core/routing/select';
import { extractSessionId, sessionFromUserId } from '../../main/core/routing/session-id';

const fields = (body: object) => requestFieldsOf(Buffer.from(JSON.stringify(body)));

const p = (id: string, over: Partial<ProviderRuntime> = {}): ProviderRuntime =>
  ({
    id,
    name: id,
    type: 'anthropic',
    enabled: true,
    priority: 0,
    weight: 1,
    costMultiplier: 1,
    serves: [],
    ...over,
  }) as ProviderRuntime;

/** A deterministic random sequence. */
const seq = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length] as number;
};

describe('pickProvider', () => {
  it('keeps the lowest priority number', () => {
    expect(pickProvider([p('a', { priority: 1 }), p('b', { priority: 0 })])?.id).toBe('b');
  });
  it('prefers the lowest cost multiplier inside a priority tier', () => {
    expect(
      pickProvider([
        p('a', { costMultiplier: 1 }),
        p('b', { costMultiplier: 0.5 }),
        p('c', { priority: 1, costMultiplier: 0.1 }),
      ])?.id,
    ).toBe('b');
  });
  it('picks by weight at random', () => {
    const list = [p('a', { weight: 1 }), p('b', { weight: 3 })];
    expect(pickProvider(list, seq(0.2))?.id).toBe('a');
    expect(pickProvider(list, seq(0.26))?.id).toBe('b');
    const counts = { a: 0, b: 0 };
    let x = 0;
    const uniform = () => {
      x = (x + 0.618034) % 1;
      return x;
    };
    for (let i = 0; i < 4000; i++) counts[pickProvider(list, uniform)?.id as 'a' | 'b']++;
    expect(counts.b / counts.a).toBeGreaterThan(2.5);
    expect(counts.b / counts.a).toBeLessThan(3.5);
  });
  it('nothing to pick', () => {
    expect(pickProvider([])).toBeUndefined();
  });
  it("at equal priority a provider of the client's format goes before a translating one, whatever its multiplier", () => {
    const list = [p('chat', { type: 'openai-chat', costMultiplier: 0.1 }), p('native', { costMultiplier: 3 })];
    expect(pickProvider(list, seq(0), 'anthropic')?.id).toBe('native');
    expect(
      pickProvider([p('chat', { type: 'openai-chat', priority: -1 }), ...list.slice(1)], seq(0), 'anthropic')?.id,
    ).toBe('chat');
  });
});

describe('eligibleProviders', () => {
  it('drops other types, disabled and already-tried providers; filters record their reason', () => {
    const chain = new DecisionChain(0, () => 5);
    const out = eligibleProviders(
      [p('a'), p('b', { type: 'openai-chat' }), p('c', { enabled: false }), p('d'), p('e')],
      { format: 'anthropic', model: 'm', exclude: new Set(['d']) },
      [(x) => (x.id === 'e' ? 'breaker open' : null)],
      chain,
    );
    expect(out.map((x) => x.id)).toEqual(['a']);
    expect(chain.steps).toEqual([
      { at: 5, kind: 'filtered', providerId: 'e', providerName: 'e', reason: 'breaker open' },
    ]);
  });
  it('keeps a provider of another type that serves the format through translation', () => {
    const out = eligibleProviders(
      [p('a', { type: 'openai-chat', serves: ['anthropic'] }), p('b', { type: 'gemini', serves: ['openai-chat'] })],
      { format: 'anthropic', model: 'm', exclude: new Set() },
      [],
      undefined,
    );
    expect(out.map((x) => x.id)).toEqual(['a']);
  });
});

describe('session id', () => {
  it('prefers the Claude Code header', () => {
    expect(
      extractSessionId({ 'x-claude-code-session-id': 'h1', session_id: 'h2' }, fields({ prompt_cache_key: 'p' }), 'k'),
    ).toBe('h1');
  });
  it('reads both metadata.user_id forms', () => {
    expect(sessionFromUserId(JSON.stringify({ device_id: 'd', account_uuid: '', session_id: 's-json' }))).toBe(
      's-json',
    );
    expect(sessionFromUserId(`user_${'a'.repeat(64)}_account__session_0b1c-uuid`)).toBe('0b1c-uuid');
    expect(sessionFromUserId('user_abc_account_acct-1_session_s-2')).toBe('s-2');
    expect(sessionFromUserId('nothing')).toBeUndefined();
  });
  it('prompt_cache_key, metadata.session_id, then a stable hash per key and opening', () => {
    expect(extractSessionId({}, fields({ prompt_cache_key: 'pck' }), 'k')).toBe('pck');
    expect(extractSessionId({}, fields({ metadata: { session_id: 'ms' } }), 'k')).toBe('ms');
    const body = {
      system: 's',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'x' },
      ],
    };
    const a = extractSessionId({}, fields(body), 'k1');
    expect(a).toMatch(/^h_[\w-]{22}$/);
    expect(a).toBe(
      extractSessionId({}, fields({ ...body, messages: [...body.messages, { role: 'user', content: 'more' }] }), 'k1'),
    );
    expect(a).not.toBe(extractSessionId({}, fields(body), 'k2'));
    expect(a).not.toBe(extractSessionId({}, fields({ ...body, system: 't' }), 'k1'));
    expect(a).not.toBe(extractSessionId({}, fields({ ...body, messages: [{ role: 'user', content: 'bye' }] }), 'k1'));
    // OpenAI Responses and Gemini openers count too.
    const responses = extractSessionId(
      {},
      fields({ instructions: 'i', input: [{ role: 'user', content: 'a' }] }),
      'k1',
    );
    expect(responses).not.toBe(
      extractSessionId({}, fields({ instructions: 'i', input: [{ role: 'user', content: 'b' }] }), 'k1'),
    );
    expect(extractSessionId({}, fields({ instructions: 'i', input: 'just text' }), 'k1')).not.toBe(
      extractSessionId({}, fields({ instructions: 'i', input: 'other text' }), 'k1'),
    );
  });

  it('the fallback is the SHA-256 of the key, the system bytes and the opener bytes, short or 70 KB long', () => {
    const expected = (key: string, system: unknown, first: unknown) =>
      `h_${createHash('sha256')
        .update(key)
        .update(JSON.stringify(system))
        .update('\0')
        .update(JSON.stringify(first))
        .digest('base64url')
        .slice(0, 22)}`;
    for (const size of [10, 70 * 1024]) {
      const system = 'You are a careful assistant.';
      const first = { role: 'user', content: 'x'.repeat(size) };
      const body = { model: 'm', system, messages: [first, { role: 'assistant', content: 'ok' }] };
      expect(extractSessionId({}, fields(body), 'key_1')).toBe(expected('key_1', system, first));
    }
  });
});
