// Tests for spliceModel: only the top-level "model" string changes, every other byte stays as it was.
import { describe, expect, it } from 'vitest';
import { prependField, spliceModel } from './request';

const splice = (body: string, model: string) => spliceModel(Buffer.from(body), model)?.toString('utf8') ?? null;

describe('spliceModel', () => {
  it('replaces the top-level model, keeping the rest byte for byte', () => {
    expect(splice('{"model":"a","stream":true}', 'b')).toBe('{"model":"b","stream":true}');
    expect(splice(' {\n  "stream" : true ,\n  "model" :\t"claude-x" \n}\n', 'y')).toBe(
      ' {\n  "stream" : true ,\n  "model" :\t"y" \n}\n',
    );
  });

  it('does not touch nested "model" keys or "model" inside strings, even before the real one', () => {
    const body =
      '{"metadata":{"model":"nested"},"messages":[{"role":"user","content":"say \\"model\\":\\"x\\" {\\"model\\":1}"},' +
      '{"content":[{"model":"deep","x":[1,{"model":"z"}]}]}],"model":"real","tools":[]}';
    const out = splice(body, 'new');
    expect(out).toBe(body.replace('"model":"real"', '"model":"new"'));
    expect(JSON.parse(out ?? '')).toMatchObject({ model: 'new', metadata: { model: 'nested' } });
  });

  it('handles escaped quotes and backslashes in earlier strings and in the old value', () => {
    const body = '{"system":"ends with backslash \\\\","note":"q\\"uote\\\\\\"","model":"we\\"ird\\\\"}';
    const out = splice(body, 'ok');
    expect(JSON.parse(out ?? '')).toEqual({ system: 'ends with backslash \\', note: 'q"uote\\"', model: 'ok' });
  });

  it('escapes the new name as a JSON string, unicode included', () => {
    const out = splice('{"model":"a"}', 'mö"del\\😀\n');
    expect(JSON.parse(out ?? '')).toEqual({ model: 'mö"del\\😀\n' });
    const unicodeBody = '{"prompt":"漢字 😀 \\u00e9","model":"a"}';
    expect(splice(unicodeBody, 'b')).toBe('{"prompt":"漢字 😀 \\u00e9","model":"b"}');
  });

  it('recognises an escaped spelling of the key', () => {
    expect(splice('{"mod\\u0065l":"a"}', 'b')).toBe('{"mod\\u0065l":"b"}');
  });

  it('skips numbers, literals and nested arrays before the model', () => {
    const body = '{"max_tokens":64000,"temperature":-1.5e-3,"stream":false,"stop":null,"x":[[],{}],"model":"a"}';
    expect(splice(body, 'b')).toBe(body.replace('"model":"a"', '"model":"b"'));
  });

  it('returns null without a top-level model string', () => {
    expect(splice('{"messages":[{"model":"x"}]}', 'b')).toBeNull();
    expect(splice('{"model":null}', 'b')).toBeNull();
    expect(splice('{"model":{"name":"x"}}', 'b')).toBeNull();
    expect(splice('{}', 'b')).toBeNull();
    expect(splice('["model","x"]', 'b')).toBeNull();
    expect(splice('', 'b')).toBeNull();
    expect(splice('{"model":"a"', 'b')).toBeNull();
    expect(splice('{"model":"a}', 'b')).toBeNull();
  });

  it('replaces every top-level duplicate', () => {
    expect(splice('{"model":"a","x":1,"model":"c"}', 'b')).toBe('{"model":"b","x":1,"model":"b"}');
  });
});

describe('prependField', () => {
  it('inserts a first field and keeps every other byte', () => {
    const body = Buffer.from(' {\n "model": "gpt-5", "stream": true }');
    const out = prependField(body, 'stream_options', '{"include_usage":true}');
    expect(out?.toString()).toBe(' {"stream_options":{"include_usage":true},\n "model": "gpt-5", "stream": true }');
    expect(JSON.parse(out?.toString() ?? '')).toEqual({
      stream_options: { include_usage: true },
      model: 'gpt-5',
      stream: true,
    });
  });
  it('handles an empty object and refuses non-objects', () => {
    expect(prependField(Buffer.from('{ }'), 'a', '1')?.toString()).toBe('{"a":1 }');
    expect(prependField(Buffer.from('[1]'), 'a', '1')).toBeNull();
  });
});
