// Tests for diffPrices: added, changed (deep), unchanged and removed models.
import { describe, expect, it } from 'vitest';
import type { PriceData } from './price-data';
import { deepEqual, diffPrices } from './price-diff';

describe('diffPrices', () => {
  it('reports added, changed, unchanged and removed models', () => {
    const current = new Map<string, PriceData>([
      ['same', { mode: 'chat', input_cost_per_token: 1e-6, search_context_cost_per_query: { low: 0.01 } }],
      ['reordered', { mode: 'chat', input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 }],
      ['price-up', { mode: 'chat', input_cost_per_token: 1e-6 }],
      ['nested-change', { mode: 'chat', search_context_cost_per_query: { low: 0.01 } }],
      ['field-dropped', { mode: 'chat', input_cost_per_token: 1e-6, supports_vision: true }],
      ['gone', { mode: 'chat' }],
    ]);
    const incoming = new Map<string, PriceData>([
      ['same', { mode: 'chat', input_cost_per_token: 1e-6, search_context_cost_per_query: { low: 0.01 } }],
      ['reordered', { output_cost_per_token: 2e-6, input_cost_per_token: 1e-6, mode: 'chat' }],
      ['price-up', { mode: 'chat', input_cost_per_token: 1.5e-6 }],
      ['nested-change', { mode: 'chat', search_context_cost_per_query: { low: 0.02 } }],
      ['field-dropped', { mode: 'chat', input_cost_per_token: 1e-6 }],
      ['z-new', { mode: 'chat' }],
      ['a-new', { mode: 'chat' }],
    ]);
    expect(diffPrices(current, incoming)).toEqual({
      added: ['a-new', 'z-new'],
      changed: ['field-dropped', 'nested-change', 'price-up'],
      unchanged: 2,
      removed: ['gone'],
    });
  });

  it('reports nothing for identical maps and everything for an empty one', () => {
    const m = new Map<string, PriceData>([['a', { mode: 'chat' }]]);
    expect(diffPrices(m, new Map(m))).toEqual({ added: [], changed: [], unchanged: 1, removed: [] });
    expect(diffPrices(new Map(), m)).toEqual({ added: ['a'], changed: [], unchanged: 0, removed: [] });
    expect(diffPrices(m, new Map())).toEqual({ added: [], changed: [], unchanged: 0, removed: ['a'] });
  });
});

describe('deepEqual', () => {
  it('compares arrays by order and objects by keys', () => {
    expect(deepEqual(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(deepEqual(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(deepEqual({ a: [1] }, { a: { 0: 1 } })).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
    expect(deepEqual(1, '1')).toBe(false);
  });
});
