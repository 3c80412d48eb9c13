// A failed API call as the console shows it: the server's code, message, field and request id.
import type { ApiErrorBody } from '../../../shared/api-schemas';

export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null,
    readonly field: string | null = null,
    /** What was wrong with the field (`required`, `too_small`, `invalid_url`…), for the console to word it. */
    readonly reason: string | null = null,
    /** The bound a too_small / too_big / too_short / too_long broke. */
    readonly limit: number | null = null,
  ) {
    super(message);
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

/** The error of a non-2xx answer: the API's error body when there is one, else the status line. */
export function errorFromResponse(status: number, statusText: string, body: unknown, headerRequestId: string | null) {
  if (isErrorBody(body)) {
    const { code, message, field, requestId, reason, limit } = body.error;
    return new ApiRequestError(
      status,
      code,
      message,
      requestId || headerRequestId,
      field ?? null,
      reason ?? null,
      limit ?? null,
    );
  }
  return new ApiRequestError(status, `http_${status}`, `${status} ${statusText}`.trim(), headerRequestId);
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
