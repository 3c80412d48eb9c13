import { describe, expect, it } from 'vitest';
import { SecretRedactor } from '../secrets/redactor';
import { redactMessageText, renderRequestBody, renderResponseBody } from './redact-body';

const opts = { keepMessageText: false, maxBytes: 64 * 1024 };

describe('body redaction', () => {
  it('redacts prompts, answers and tool inputs but keeps the structure', () => {
    const body = {
      model: 'claude-x',
      system: [{ type: 'text', text: 'You are helpful' }],
      messages: [
        { role: 'user', content: 'my secret plan' },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'tu_1', name: 'Bash', input: { command: 'cat /etc/passwd' } }],
        },
      ],
      max_tokens: 10,
    };
    const out = JSON.stringify(redactMessageText(body));
    expect(out).not.toContain('secret plan');
    expect(out).not.toContain('/etc/passwd');
    expect(out).not.toContain('You are helpful');
    expect(out).toContain('"name":"Bash"');
    expect(out).toContain('"type":"tool_use"');
    expect(out).toContain('"role":"user"');
    expect(out).toContain('"max_tokens":10');
    expect(out).toContain('[redacted: 14 chars]');
  });

  it('keeps message text when allowed, but always masks secrets', () => {
    const { text } = renderRequestBody(
      { model: 'm', messages: [{ role: 'user', content: 'use key sk-ant-api03-abcdefghijklmnopqrstuvwxyz please' }] },
      { ...opts, keepMessageText: true },
    );
    expect(text).toContain('please');
    expect(text).not.toContain('abcdefghijklmnop');
  });

  it("masks the hub's held secrets (a custom admin token) and AIza keys, request and response", () => {
    const redactor = new SecretRedactor(['my.custom/admin-token']);
    const o = { keepMessageText: true, maxBytes: 64 * 1024, redactSecrets: (t: string) => redactor.redact(t) };
    const secrets = 'token my.custom/admin-token and key AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW';
    const req = renderRequestBody({ model: 'm', messages: [{ role: 'user', content: secrets }] }, o).text;
    const res = renderResponseBody(`data: {"text":${JSON.stringify(secrets)}}\n\n`, o).text;
    for (const text of [req, res]) {
      expect(text).not.toContain('my.custom/admin-token');
      expect(text).not.toContain('AIzaSyA1b2C3');
      expect(text).toContain('[secret]');
    }
  });

  it('redacts each JSON event of a stream and keeps the event lines', () => {
    const sse =
      'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","usage":{"input_tokens":5}}}\n\n' +
      'event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"type":"text_delta","text":"the answer"}}\n\n' +
      'data: [DONE]\n\n';
    const { text } = renderResponseBody(sse, opts);
    expect(text).toContain('event: content_block_delta');
    expect(text).not.toContain('the answer');
    expect(text).toContain('"input_tokens":5');
    expect(text).toContain('data: [DONE]');
  });

  it('caps the stored text and says so', () => {
    const big = { model: 'm', messages: [{ role: 'user', content: 'x'.repeat(100_000) }] };
    const r = renderRequestBody(big, { keepMessageText: true, maxBytes: 1024 });
    expect(r.truncated).toBe(true);
    expect(Buffer.byteLength(r.text)).toBeLessThanOrEqual(1024);
  });
});
