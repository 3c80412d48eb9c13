// The message catalogues: complete in every locale, same placeholders, interpolation and locale choice.
import { describe, expect, it } from 'vitest';
import { WIRE_FORMAT_NAMES } from '../../../shared/wire-formats';
import {
  catalogues,
  interpolate,
  LOCALES,
  localeFromLanguage,
  type MessageKey,
  placeholders,
  translate,
} from './catalogue';
import { en } from './en';

const keys = Object.keys(en) as MessageKey[];

describe('message catalogues', () => {
  it.each(LOCALES)('%s has exactly the English keys, none empty', (locale) => {
    const messages = catalogues[locale];
    expect(Object.keys(messages).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(messages[key].trim(), `${locale} ${key}`).not.toBe('');
  });

  it.each(LOCALES)('%s uses the same placeholders as English in every message', (locale) => {
    for (const key of keys)
      expect(placeholders(catalogues[locale][key]), `${locale} ${key}`).toEqual(placeholders(en[key]));
  });

  it('names every provider type and price source the API can send', () => {
    for (const type of WIRE_FORMAT_NAMES) expect(keys).toContain(`providerType.${type}`);
    for (const source of ['bundled', 'import', 'manual']) expect(keys).toContain(`prices.source.${source}`);
  });

  it('really translates: Chinese differs from English for the navigation', () => {
    expect(translate('zh-CN', 'nav.dashboard')).toBe('仪表盘');
    expect(translate('en', 'nav.dashboard')).toBe('Dashboard');
  });
});

describe('interpolate', () => {
  it('fills named placeholders and leaves unknown ones as written', () => {
    expect(interpolate('{a} of {b}', { a: 1, b: 'two' })).toBe('1 of two');
    expect(interpolate('{a} and {missing}', { a: 'x' })).toBe('x and {missing}');
    expect(interpolate('no vars')).toBe('no vars');
  });

  it('translates with variables', () => {
    expect(translate('en', 'common.page', { page: 3 })).toBe('Page 3');
    expect(translate('zh-CN', 'common.page', { page: 3 })).toBe('第 3 页');
  });
});

describe('localeFromLanguage', () => {
  it('maps every Chinese variant to zh-CN and anything else to English', () => {
    expect(localeFromLanguage('zh')).toBe('zh-CN');
    expect(localeFromLanguage('zh-TW')).toBe('zh-CN');
    expect(localeFromLanguage('en-GB')).toBe('en');
    expect(localeFromLanguage('de')).toBe('en');
    expect(localeFromLanguage(undefined)).toBe('en');
  });
});
