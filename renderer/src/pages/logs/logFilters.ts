// The request-log filters as URL search parameters (deep-linkable) and as the API's query.
import type { Query } from '../../api/client';

export const FILTER_NAMES = ['from', 'to', 'userId', 'keyId', 'providerId', 'model', 'status', 'sessionId'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];
export type LogFilters = Partial<Record<FilterName, string>>;

export function filtersFromParams(params: URLSearchParams): LogFilters {
  const filters: LogFilters = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

/** New search params: the filters replaced, every other parameter kept; empty values removed. */
export function withFilters(params: URLSearchParams, filters: LogFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of FILTER_NAMES) {
    const value = filters[name]?.trim();
    if (value) next.set(name, value);
    else next.delete(name);
  }
  return next;
}

/** The status choices the log offers (the API takes them as they are, and any single 3-digit code too). */
export const STATUS_CHOICES = ['2xx', '4xx', '5xx', 'blocked'] as const;

/** The list query: only well-formed values (a status is a choice or a 3-digit code). */
export function filtersToQuery(filters: LogFilters): Query {
  const query: Query = {};
  for (const name of FILTER_NAMES) {
    const value = filters[name];
    if (!value) continue;
    if (name === 'status' && !/^([1-5]\d\d|[1-5]xx|blocked)$/.test(value)) continue;
    query[name] = value;
  }
  return query;
}

/** A stable key of the filters, so the list restarts from its first page when they change. */
export function filtersKey(filters: LogFilters): string {
  return FILTER_NAMES.map((name) => `${name}=${filters[name] ?? ''}`).join('&');
}

export function activeFilterCount(filters: LogFilters): number {
  return FILTER_NAMES.filter((name) => filters[name]).length;
}
