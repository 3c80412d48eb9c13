// The contract every wire-format spec keeps, run against each spec in the registry with that format's fixtures.
import { describe, expect, it } from 'vitest';
import type { ProviderRuntime } from '../model/entities';
import { upstreamHeaders } from '../relay/upstream-headers';
import type { FormatFixtures, StreamFixture } from './common/fixtures';
import { spliceModel } from './common/request';
import { requestFieldsOf } from './common/request-fields';
import { byteByByte, runStream } from './common/test-kit';
import { upstreamErrorMessage } from './common/upstream-error';
import { matchEndpoint, WIRE_FORMATS, type WireFormatSpec } from './index';

/** Each format's fixtures module: a format without one fails here, before any case runs. */
const suites: Array<{ spec: WireFormatSpec; fx: FormatFixtures }> = await Promise.all(
  Object.values(WIRE_FORMATS).map(async (spec) => {
    const module = (await import(`./${spec.format}/fixtures.ts`)) as { fixtures: FormatFixtures };
    return { spec, fx: module.fixtures };
  }),
);

const b = (s: string) => Buffer.from(s);

/** The stream cut at every byte boundary: each cut fed to a fresh inspector must report what the whole stream does. */
function expectSameAtEveryCut(spec: WireFormatSpec, bytes: Buffer): void {
  const whole = runStream(spec, [bytes]);
  // Where the terminal event's last byte is: the byte-by-byte run names it exactly.
  const terminalEnd = runStream(spec, byteByByte(bytes)).terminalAt[0];
  for (let cut = 1; cut < bytes.length; cut++) {
    const split = runStream(spec, [bytes.subarray(0, cut), bytes.subarray(cut)]);
    expect(split.summary, `cut at ${cut}`).toEqual(whole.summary);
    const expected = terminalEnd === undefined ? [] : [cut >= terminalEnd ? cut : bytes.length];
    expect(split.terminalAt, `terminal with a cut at ${cut}`).toEqual(expected);
  }
}

describe.each(suites)('$spec.format', ({ spec, fx }) => {
  describe('usage', () => {
    it('from a whole JSON answer', () => {
      expect(spec.inspectJson(b(fx.json.body), 'application/json')).toEqual({
        usage: fx.json.usage,
        error: null,
        model: fx.json.model,
      });
    });

    it.each(fx.streams)('from a stream ($name), whole', (s: StreamFixture) => {
      const { summary, terminalAt } = runStream(spec, [b(s.body)]);
      expect(summary).toMatchObject({ usage: s.usage, model: s.model, completed: s.completed, error: s.error });
      // A completed stream with a terminal event reports it on the chunk that holds it; an error ends nothing.
      if (!s.completed) expect(terminalAt).toEqual([]);
    });

    it.each(fx.streams)('from a stream ($name), cut at every byte boundary', (s: StreamFixture) => {
      expectSameAtEveryCut(spec, b(s.body));
    });
  });

  describe('errors', () => {
    it('a hub error body reads back as the format error with the status-mapped type', () => {
      for (const [status, code, readsAs] of fx.errorTypes) {
        const message = `refused [cchub ${code}, request r1]`;
        const body = spec.errors.body(status, spec.errors.hubType(status, code), message);
        expect(spec.inspectJson(body, 'application/json').error, `${status} ${code}`).toEqual({
          type: readsAs,
          message,
        });
        expect(upstreamErrorMessage(JSON.parse(body.toString()))).toBe(message);
      }
    });

    it('the in-stream error event reads back as the format stream error, at every cut', () => {
      const { type, status, readsAs } = fx.streamError;
      const event = spec.errors.streamEvent(type, 'the provider failed', { status });
      const { summary } = runStream(spec, [event]);
      expect(summary).toMatchObject({ error: { type: readsAs, message: 'the provider failed' }, completed: false });
      expectSameAtEveryCut(spec, event);
    });

    it.runIf(spec.jsonArrayStreams)('the error closes a JSON-array stream', () => {
      const head = fx.jsonArrayHead ?? '';
      const tail = spec.errors.streamEvent('api_error', 'gone', { status: 502, jsonArray: true });
      const whole = b(head + tail.toString());
      expect(JSON.parse(whole.toString())).toHaveLength(2);
      expect(runStream(spec, [whole]).summary.error?.message).toBe('gone');
    });
  });

  describe('model', () => {
    it("every endpoint is matched, under this format's name", () => {
      for (const e of spec.endpoints) {
        if (e.path !== undefined) expect(matchEndpoint(e.path)).toBe(e);
      }
      expect(matchEndpoint(fx.request.path)?.format).toBe(spec.format);
    });

    it.runIf(spec.modelIn === 'body')('is read from the body, and a redirect changes only its value', () => {
      expect(spec.route).toBeUndefined();
      const body = b(fx.request.body);
      const fields = requestFieldsOf(body);
      expect(fields.value('model')).toBe(fx.request.model);
      expect(fields.isTrue('stream')).toBe(fx.request.stream);
      const other = 'vendor/other "model"';
      const spliced = spliceModel(body, other);
      expect(spliced?.toString()).toBe(
        fx.request.body.replace(JSON.stringify(fx.request.model), JSON.stringify(other)),
      );
      expect(requestFieldsOf(spliced as Buffer).value('model')).toBe(other);
    });

    it.runIf(spec.modelIn === 'path')('is read from the path, and withModel names another model there', () => {
      const route = spec.route?.(fx.request.path);
      expect(route?.model).toBe(fx.request.model);
      expect(route?.endpoint.streams === true).toBe(fx.request.stream);
      expect(route?.withModel(fx.request.model)).toBe(fx.request.path);
      for (const other of ['gemini-2.0-flash', 'tuned/my model:v1', 'ü?#&']) {
        const moved = spec.route?.(route?.withModel(other) ?? '');
        expect(moved?.model).toBe(other);
        expect(moved?.endpoint).toBe(route?.endpoint);
      }
    });
  });

  describe('upstream auth', () => {
    it.each(fx.auth)('the key lands only in its header(s) ($provider.anthropicAuth); client credentials go', (c) => {
      const key = 'sk-provider-secret-0123456789';
      const provider = {
        type: spec.format,
        apiKey: key,
        anthropicAuth: c.provider.anthropicAuth,
        headers: {},
        forwardClientIp: false,
      } as unknown as ProviderRuntime;
      const client = {
        authorization: 'Bearer sk-cchub-client-key',
        'x-api-key': 'sk-cchub-client-key',
        'x-goog-api-key': 'sk-cchub-client-key',
        cookie: 'session=sk-cchub-client-key',
        'user-agent': 'client/1.0',
      };
      const headers = upstreamHeaders(client, provider, 10, '10.0.0.1');
      const withKey = Object.fromEntries(Object.entries(headers).filter(([, v]) => v.includes(key)));
      const expected = Object.fromEntries(Object.entries(c.keyHeaders).map(([h, v]) => [h, v.replace('KEY', key)]));
      expect(withKey).toEqual(expected);
      expect(JSON.stringify(headers)).not.toContain('sk-cchub');
      expect(headers['user-agent']).toBe('client/1.0');
    });
  });

  describe('model list', () => {
    it('the list the hub renders reads back as the same ids', () => {
      const ids = ['model-a', 'model-b.1', 'vendor-model-2025'];
      const rendered = spec.models.render(ids);
      expect(spec.models.parseIds(rendered.toString())).toEqual(ids);
      expect(spec.models.parseIds('not a list')).toEqual([]);
    });
  });

  describe('provider test probe', () => {
    it("asks for the model at one of the format's endpoints and reads the answer's text", () => {
      const model = 'probe-model';
      const { path, body } = spec.probe.request(model, 'Say hi.');
      expect(matchEndpoint(path)?.format).toBe(spec.format);
      const named =
        spec.modelIn === 'path' ? spec.route?.(path)?.model : requestFieldsOf(b(JSON.stringify(body))).value('model');
      expect(named).toBe(model);
      expect(spec.probe.answerText(JSON.parse(fx.json.body))).toBe(fx.json.text);
      expect(spec.probe.answerText({})).toBe('');
    });
  });
});
