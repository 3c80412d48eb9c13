// Tests for reading a client message on the Responses WebSocket: its type, the body without `type`, the response
// it continues.
import { describe, expect, it } from 'vitest';
import { readClientMessage } from './turn-message';

const read = (text: string) => readClientMessage(Buffer.from(text));
const bodyOf = (text: string) => {
  const m = read(text);
  if (m.kind !== 'create') throw new Error(`not a create: ${JSON.stringify(m)}`);
  return m.body.toString();
};

describe('readClientMessage', () => {
  it('drops the type member wherever it stands, every other byte kept', () => {
    expect(bodyOf('{"type":"response.create","model":"gpt-5","input":[]}')).toBe('{"model":"gpt-5","input":[]}');
    expect(bodyOf('{"model":"gpt-5","type":"response.create","input":[]}')).toBe('{"model":"gpt-5","input":[]}');
    expect(bodyOf('{"model":"gpt-5","input":[],"type":"response.create"}')).toBe('{"model":"gpt-5","input":[]}');
    expect(bodyOf('{ "type" : "response.create" ,\n "model": "m" }')).toBe('{ \n "model": "m" }');
    expect(bodyOf('{"type":"response.create"}')).toBe('{}');
    // A nested "type" (an input item's) is never touched.
    const nested = '{"type":"response.create","input":[{"type":"message","role":"user"}],"model":"m"}';
    expect(bodyOf(nested)).toBe('{"input":[{"type":"message","role":"user"}],"model":"m"}');
    for (const text of ['{"a":"x\\"type\\"","type":"response.create","b":1}', '{"type":"response.create","t\\"":1}']) {
      expect(JSON.parse(bodyOf(text))).toEqual(
        Object.fromEntries(Object.entries(JSON.parse(text)).filter(([k]) => k !== 'type')),
      );
    }
  });

  it('reads previous_response_id; ignores response.processed; refuses other messages with a reason', () => {
    const m = read('{"type":"response.create","previous_response_id":"resp_1","input":[]}');
    expect(m).toMatchObject({ kind: 'create', previousResponseId: 'resp_1' });
    expect(read('{"type":"response.processed","response_id":"resp_1"}')).toEqual({ kind: 'ignored' });
    expect(read('{"type":"session.update"}')).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('session.update'),
    });
    expect(read('{"model":"m"}')).toMatchObject({ kind: 'invalid' });
    expect(read('not json')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('not a JSON object') });
  });
});
