import { describe, expect, it } from 'vitest';
import { BodyMembers } from './body-members';
import { fixFor, reactiveFix } from './index';

const ON = { thinkingSignature: true, thinkingBudget: true, responsesInput: true };
const body = (s: string) => Buffer.from(s);
const edit = (s: string, changes: Record<string, string | null>) =>
  (BodyMembers.of(body(s)) as BodyMembers).edit(changes).toString();

describe('BodyMembers.edit: the bytes it does not touch stay as they were', () => {
  it('replaces a value in place', () => {
    expect(edit('{ "a" : 1,\n "b":[1, 2] , "c":"x" }', { b: '[]' })).toBe('{ "a" : 1,\n "b":[] , "c":"x" }');
  });

  it('removes the first, a middle, the last, two in a row and the only member', () => {
    const s = '{"a":1, "b":{"x":[1]}, "c":"s", "d":null}';
    expect(JSON.parse(edit(s, { a: null }))).toEqual({ b: { x: [1] }, c: 's', d: null });
    expect(edit(s, { b: null })).toBe('{"a":1, "c":"s", "d":null}');
    expect(JSON.parse(edit(s, { d: null }))).toEqual({ a: 1, b: { x: [1] }, c: 's' });
    expect(JSON.parse(edit(s, { a: null, b: null }))).toEqual({ c: 's', d: null });
    expect(JSON.parse(edit(s, { b: null, c: null }))).toEqual({ a: 1, d: null });
    expect(JSON.parse(edit('{"a":1}', { a: null }))).toEqual({});
  });

  it('leaves keys that only look alike inside values alone', () => {
    expect(JSON.parse(edit('{"m":{"thinking":1},"thinking":2}', { thinking: null }))).toEqual({ m: { thinking: 1 } });
  });
});

describe('reactiveFix', () => {
  const signatureError = body(
    '{"type":"error","error":{"type":"invalid_request_error","message":"messages.1.content.0: Invalid `signature` in `thinking` block"}}',
  );
  const sent = body(
    JSON.stringify({
      model: 'm',
      messages: [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 't', signature: 'x' },
            { type: 'text', text: 'a' },
          ],
        },
        { role: 'user', content: 'q2' },
      ],
    }),
  );

  it('removes the signed blocks once; a fix already used is not used again', () => {
    const fixed = reactiveFix('anthropic', sent, undefined, ON, 400, signatureError);
    expect(fixed?.fix).toBe('thinking-signature');
    expect(JSON.parse(fixed?.body.toString() ?? '').messages[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'a' }],
    });
    expect(reactiveFix('anthropic', sent, new Set(['thinking-signature']), ON, 400, signatureError)).toBeUndefined();
  });

  it('only for a 400 of the fix format, with the fix on, when the body has something to correct', () => {
    expect(reactiveFix('anthropic', sent, undefined, ON, 500, signatureError)).toBeUndefined();
    expect(reactiveFix('openai-chat', sent, undefined, ON, 400, signatureError)).toBeUndefined();
    expect(
      reactiveFix('anthropic', sent, undefined, { ...ON, thinkingSignature: false }, 400, signatureError),
    ).toBeUndefined();
    const plain = body('{"model":"m","messages":[{"role":"user","content":"q"}]}');
    expect(reactiveFix('anthropic', plain, undefined, ON, 400, signatureError)).toBeUndefined();
  });

  it('names the fix a sample error calls for (the tester)', () => {
    expect(fixFor('anthropic', 400, signatureError.toString())).toBe('thinking-signature');
    expect(fixFor(undefined, 400, '{"detail":"Input must be a list"}')).toBe('responses-input');
    expect(fixFor('anthropic', 400, '{"detail":"Input must be a list"}')).toBeUndefined();
    expect(fixFor('anthropic', 429, signatureError.toString())).toBeUndefined();
  });
});
