// Tests for the registry's lookups over all specs: endpoints by path, a client's format by its marks, the list shapes.
import { describe, expect, it } from 'vitest';
import { WIRE_FORMAT_NAMES } from '../../../shared/wire-formats';
import {
  DEFAULT_FORMAT,
  formatOfPath,
  formatsListedAs,
  isModelListPath,
  listingSpecFor,
  matchEndpoint,
  WIRE_FORMATS,
} from './index';

describe('the registry', () => {
  it('has one spec per shared wire format, under its own name', () => {
    expect(Object.keys(WIRE_FORMATS)).toEqual([...WIRE_FORMAT_NAMES]);
    for (const [name, spec] of Object.entries(WIRE_FORMATS)) {
      expect(spec.format).toBe(name);
      for (const e of spec.endpoints) expect(e.format, e.name).toBe(name);
    }
  });

  it('no two endpoints share a name or an exact path', () => {
    const all = Object.values(WIRE_FORMATS).flatMap((s) => s.endpoints);
    expect(new Set(all.map((e) => e.name)).size).toBe(all.length);
    const paths = all.flatMap((e) => (e.path === undefined ? [] : [e.path]));
    expect(new Set(paths).size).toBe(paths.length);
  });
});

describe('matchEndpoint', () => {
  it('matches relay paths, tolerating a trailing slash', () => {
    expect(matchEndpoint('/v1/messages')?.format).toBe('anthropic');
    expect(matchEndpoint('/v1/messages/')?.name).toBe('messages');
    expect(matchEndpoint('/v1/messages/count_tokens')?.billable).toBe(false);
    expect(matchEndpoint('/v1/responses/compact')?.billable).toBe(false);
    expect(matchEndpoint('/v1/nope')).toBeUndefined();
  });

  it('matches Gemini action paths under /v1beta and /v1, and only its actions', () => {
    expect(matchEndpoint('/v1beta/models/gemini-2.5-pro:generateContent')?.name).toBe('generate_content');
    expect(matchEndpoint('/v1/models/gemini-2.5-pro:streamGenerateContent')).toMatchObject({
      format: 'gemini',
      streams: true,
    });
    expect(matchEndpoint('/v1beta/models/m:countTokens')?.billable).toBe(false);
    expect(matchEndpoint('/v1beta/models/m:embedContent')?.name).toBe('embed_content');
    expect(matchEndpoint('/v1/models/m:batchEmbedContents')?.name).toBe('batch_embed_contents');
    expect(matchEndpoint('/v1beta/models/m:predict')).toBeUndefined();
    // Names an object's prototype carries are no actions.
    expect(matchEndpoint('/v1beta/models/m:constructor')).toBeUndefined();
    expect(matchEndpoint('/v1beta/models/m:toString')).toBeUndefined();
    expect(matchEndpoint('/v1beta/models/%E0%A4%A:generateContent')).toBeUndefined();
  });
});

describe("a client's format where the endpoint does not say", () => {
  it('an unknown path: Gemini under /v1beta/, else the default', () => {
    expect(formatOfPath('/v1beta/nothing')).toBe('gemini');
    expect(formatOfPath('/v1/nothing')).toBe(DEFAULT_FORMAT);
    expect(DEFAULT_FORMAT).toBe('openai-chat');
  });

  it('the model list: path or credential header first, then the version header, else OpenAI', () => {
    expect(isModelListPath('/v1/models')).toBe(true);
    expect(isModelListPath('/v1beta/models/')).toBe(true);
    expect(isModelListPath('/v1/models/x')).toBe(false);
    expect(listingSpecFor('/v1/models', {}).format).toBe('openai-chat');
    expect(listingSpecFor('/v1/models', { 'anthropic-version': '2023-06-01' }).format).toBe('anthropic');
    expect(listingSpecFor('/v1beta/models', {}).format).toBe('gemini');
    expect(listingSpecFor('/v1/models', { 'x-goog-api-key': 'k' }).format).toBe('gemini');
    expect(listingSpecFor('/v1beta/models', { 'anthropic-version': '2023-06-01' }).format).toBe('gemini');
    expect(listingSpecFor('/v1/models', { 'x-goog-api-key': 'k', 'anthropic-version': 'v' }).format).toBe('gemini');
  });

  it('one list shape lists every format that shares it', () => {
    expect(formatsListedAs('openai')).toEqual(['openai-chat', 'openai-responses']);
    expect(formatsListedAs('anthropic')).toEqual(['anthropic']);
    expect(formatsListedAs('gemini')).toEqual(['gemini']);
  });
});
