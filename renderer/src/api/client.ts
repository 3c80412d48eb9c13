// The one fetch wrapper the console uses: same-origin JSON calls with the session cookie and the CSRF header.
import { ApiRequestError, errorFromResponse } from './errors';

export const API_BASE = '/api/v1';
export const CSRF_HEADER = 'x-csrf-token';
const REQUEST_ID_HEADER = 'x-cchub-request-id';

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** The CSRF token of the current session (from login or GET /auth/session); sent on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an authenticated call answers 401 (the session ended): the app returns to the login page. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export interface CallOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not treat a 401 as the end of the session (the login and session calls themselves). */
  quiet401?: boolean;
}

export async function apiCall<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${queryString(options.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiRequestError(0, 'network', error instanceof Error ? error.message : String(error), null);
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && !options.quiet401) onUnauthorized?.();
    throw errorFromResponse(response.status, response.statusText, parsed, response.headers.get(REQUEST_ID_HEADER));
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    apiCall<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown) => apiCall<T>('POST', path, body === undefined ? {} : { body }),
  put: <T>(path: string, body: unknown) => apiCall<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => apiCall<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => apiCall<T>('DELETE', path),
};

/**
 * A same-origin call with headers of its own (the configuration passphrase) whose answer the caller reads itself (a
 * backup file, an export to save); a failure throws like apiCall's.
 */
export async function rawCall(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string; query?: Query } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  const response = await fetch(`${API_BASE}${path}${queryString(options.query)}`, {
    method,
    headers,
    body: options.body ?? null,
    credentials: 'same-origin',
  });
  if (!response.ok) {
    if (response.status === 401) onUnauthorized?.();
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(await response.text());
    } catch {
      parsed = null;
    }
    throw errorFromResponse(response.status, response.statusText, parsed, response.headers.get(REQUEST_ID_HEADER));
  }
  return response;
}
