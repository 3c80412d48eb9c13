// Request-log filters in the URL and as the API query.
import { describe, expect, it } from 'vitest';
import { activeFilterCount, filtersFromParams, filtersKey, filtersToQuery, withFilters } from './logFilters';

describe('log filters', () => {
  it('reads known, non-empty filters from the URL and ignores the rest', () => {
    const params = new URLSearchParams('userId=usr_1&model=%20&live=1&status=429');
    expect(filtersFromParams(params)).toEqual({ userId: 'usr_1', status: '429' });
  });

  it('writes filters into the URL, keeping other parameters and dropping emptied filters', () => {
    const next = withFilters(new URLSearchParams('live=1&model=a'), { model: '', sessionId: 's1' });
    expect(next.get('live')).toBe('1');
    expect(next.has('model')).toBe(false);
    expect(next.get('sessionId')).toBe('s1');
  });

  it('sends only well-formed values to the API (a status is a 3-digit code)', () => {
    expect(filtersToQuery({ status: '42', model: 'm' })).toEqual({ model: 'm' });
    expect(filtersToQuery({ status: '502' })).toEqual({ status: '502' });
  });

  it('keys the list by its filters and counts the active ones', () => {
    expect(filtersKey({ userId: 'a' })).not.toBe(filtersKey({ keyId: 'a' }));
    expect(filtersKey({})).toBe(filtersKey({}));
    expect(activeFilterCount({ userId: 'a', model: 'b' })).toBe(2);
  });
});
