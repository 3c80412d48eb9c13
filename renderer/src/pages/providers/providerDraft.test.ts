// A provider form round trip: defaults, seconds ↔ milliseconds, emptied limits cleared, secrets only when typed.
import { describe, expect, it } from 'vitest';
import { PROVIDER_DEFAULTS } from '../../../../shared/api-schemas';
import { DraftError } from '../../components/form/fieldErrors';
import { DEFAULTS, draftHangBounds, draftToCreate, draftToTest, draftToUpdate, providerToDraft } from './providerDraft';

describe('provider draft', () => {
  it('uses exactly the shared defaults (without importing zod into the console)', () => {
    expect(DEFAULTS).toEqual(PROVIDER_DEFAULTS);
  });

  it('starts a new provider from the SPEC defaults', () => {
    const d = providerToDraft();
    expect(d.priority).toBe('0');
    expect(d.weight).toBe('1');
    expect(d.openSeconds).toBe(String(PROVIDER_DEFAULTS.breaker.openMs / 1000));
    expect(d.idleSeconds).toBe('300');
  });

  it('states what the timeouts mean for a provider that never answers', () => {
    // The defaults: two 30 s first-byte waits for a stream; the 300 s budget for JSON (README, "Timeouts").
    expect(draftHangBounds(providerToDraft())).toEqual({ streamSeconds: 60, jsonSeconds: 300 });
    const d = providerToDraft();
    expect(draftHangBounds({ ...d, attempts: '10' })).toEqual({ streamSeconds: 300, jsonSeconds: 300 });
    expect(draftHangBounds({ ...d, firstByteSeconds: '0', totalSeconds: '0' })).toEqual({
      streamSeconds: 600,
      jsonSeconds: null,
    });
    expect(draftHangBounds({ ...d, firstByteSeconds: '0', idleSeconds: '0', totalSeconds: '0' })).toEqual({
      streamSeconds: null,
      jsonSeconds: null,
    });
    expect(draftHangBounds({ ...d, attempts: '' })).toBeUndefined();
  });

  it('builds a create body with every field, timeouts back in milliseconds', () => {
    const d = { ...providerToDraft(), name: ' main ', baseUrl: 'https://x', apiKey: 'sk-1', connectSeconds: '2.5' };
    d.limits.dailyUsd = '10';
    d.headers = [
      { name: 'x-team', value: 'a' },
      { name: '', value: '' },
    ];
    const body = draftToCreate(d);
    expect(body.name).toBe('main');
    expect(body.timeouts?.connectMs).toBe(2500);
    expect(body.limits?.dailyUsd).toBe(10);
    expect(body.limits?.weeklyUsd).toBeNull();
    expect(body.headers).toEqual({ 'x-team': 'a' });
    expect(body.schedule).toBeNull();
    expect(body.anthropicAuth).toBe('both');
  });

  const named = () => ({ ...providerToDraft(), name: 'p', baseUrl: 'https://api.example' });

  it('refuses a create without a key, and names a field that is not a number', () => {
    expect(() => draftToCreate({ ...named(), apiKey: '' })).toThrow(DraftError);
    expect(() => draftToCreate({ ...named(), apiKey: 'k', weight: '1.5' })).toThrow(
      expect.objectContaining({ name: 'DraftError', field: 'weight' }),
    );
  });

  it('words its own refusals for the field: name, base URL, a negative price multiplier', () => {
    const refusal = (over: Partial<ReturnType<typeof named>>) => {
      try {
        draftToCreate({ ...named(), apiKey: 'k', ...over });
      } catch (err) {
        return err instanceof DraftError ? [err.field, err.messageKey] : err;
      }
      return null;
    };
    expect(refusal({ name: '  ' })).toEqual(['name', 'form.nameRequired']);
    expect(refusal({ baseUrl: 'api.example.com' })).toEqual(['baseUrl', 'form.httpUrl']);
    expect(refusal({ baseUrl: 'ftp://api.example.com' })).toEqual(['baseUrl', 'form.httpUrl']);
    expect(refusal({ costMultiplier: '-1' })).toEqual(['costMultiplier', 'form.zeroOrMore']);
    expect(refusal({})).toBeNull();
  });

  it('tests a draft with its typed key, or the saved provider lends its own', () => {
    expect(draftToTest({ ...named(), apiKey: 'k' }, undefined)).toMatchObject({ apiKey: 'k', name: 'p' });
    expect(() => draftToTest({ ...named(), apiKey: '' }, undefined)).toThrow(
      expect.objectContaining({ field: 'apiKey' }),
    );
    const saved = draftToTest({ ...named(), apiKey: '' }, 'prv_1');
    expect(saved).toMatchObject({ providerId: 'prv_1' });
    expect('apiKey' in saved).toBe(false);
  });

  it('sends the secret in an update only when a new one was typed', () => {
    expect('apiKey' in draftToUpdate({ ...named(), apiKey: '' })).toBe(false);
    expect(draftToUpdate({ ...named(), apiKey: 'new' }).apiKey).toBe('new');
  });
});
