// Prices page state in the URL and the per-million price fields.
import { describe, expect, it } from 'vitest';
import { applyPerMillion, cleanNumber, perMillion } from './priceFields';
import { cursorStack, paramsFromView, viewFromParams } from './pricePaging';

describe('prices URL state', () => {
  it('reads search, an allowed page size and the cursor; defaults otherwise', () => {
    expect(viewFromParams(new URLSearchParams('search=claude&size=200&cursor=abc'))).toEqual({
      search: 'claude',
      size: 200,
      cursor: 'abc',
    });
    expect(viewFromParams(new URLSearchParams('size=37'))).toEqual({ search: '', size: 50, cursor: null });
  });

  it('writes only what differs from the defaults', () => {
    expect(paramsFromView({ search: '', size: 50, cursor: null }).toString()).toBe('');
    expect(paramsFromView({ search: 'gpt', size: 20, cursor: 'c1' }).toString()).toBe('search=gpt&size=20&cursor=c1');
  });

  it('recovers the stack of earlier cursors from the history state', () => {
    expect(cursorStack({ cursors: [null, 'a'] })).toEqual([null, 'a']);
    expect(cursorStack(null)).toEqual([]);
    expect(cursorStack({ cursors: [1, 'b'] })).toEqual(['b']);
  });
});

describe('per-million price fields', () => {
  it('converts per-token prices to per-million and back', () => {
    expect(cleanNumber(perMillion({ input_cost_per_token: 3e-6 }, 'input_cost_per_token') ?? 0)).toBe('3');
    const { data, invalid } = applyPerMillion(
      { mode: 'chat', output_cost_per_token: 1 },
      { input_cost_per_token: '2.5', output_cost_per_token: '' },
    );
    expect(invalid).toBeNull();
    expect(data).toEqual({ mode: 'chat', input_cost_per_token: 2.5e-6 });
  });

  it('names the first field that is not a price', () => {
    expect(applyPerMillion({}, { input_cost_per_token: '-1' }).invalid).toBe('input_cost_per_token');
    expect(applyPerMillion({}, { output_cost_per_token: 'abc' }).invalid).toBe('output_cost_per_token');
  });
});
