// Admin API errors: the one error shape, per-request ids, zod issues turned into 400s naming the field, error handler.
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { ApiErrorBody } from '../../../shared/api-schemas';
import type { HubContext } from '../context';
import { newRequestId } from '../ids';
import { redactSecrets } from '../logger';

export const REQUEST_ID_HEADER = 'x-cchub-request-id';

/** A refusal the API answers with `{ error: { code, message, field?, requestId } }`. Messages never carry secrets. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Headers sent with the error (Retry-After on a 429). */
    readonly headers?: Readonly<Record<string, string>>,
    /** What was wrong with the field, for a client to word it in its own language. */
    readonly issue?: FieldIssue,
  ) {
    super(message);
  }
}

export const notFound = (what: string): ApiError => new ApiError(404, 'not_found', `${what} not found`);
export const unauthorized = (): ApiError =>
  new ApiError(
    401,
    'unauthorized',
    'missing or invalid credentials: send Authorization: Bearer <admin token or hub key>, or log in',
  );
/** 429 for failing credentials from a locked address; valid credentials are never refused this way. */
export const credentialsLocked = (seconds: number, what: string): ApiError =>
  new ApiError(
    429,
    'rate_limited',
    `too many ${what} from this address; valid credentials still work, invalid ones are refused for ${seconds} s`,
    undefined,
    { 'retry-after': String(seconds) },
  );
export const forbidden = (): ApiError => new ApiError(403, 'forbidden', 'these credentials may not do this');
export const csrfRejected = (): ApiError =>
  new ApiError(
    403,
    'csrf_rejected',
    'cookie-authenticated writes need the x-csrf-token header from login or GET /api/v1/auth/session',
  );

/** The request id of this admin request (set by `assignRequestId`). */
export function requestIdOf(res: Response): string {
  const id: unknown = res.locals.requestId;
  return typeof id === 'string' ? id : '';
}

/** First middleware of the admin router: one id per request, echoed in `x-cchub-request-id`. */
export function assignRequestId(ctx: HubContext): RequestHandler {
  return (_req, res, next) => {
    const id = newRequestId(ctx.clock.now());
    res.locals.requestId = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    res.setHeader('cache-control', 'no-store');
    next();
  };
}

export function sendError(res: Response, err: ApiError): void {
  for (const [name, value] of Object.entries(err.headers ?? {})) res.setHeader(name, value);
  const body: ApiErrorBody = {
    error: {
      code: err.code,
      message: err.message,
      ...(err.field === undefined ? {} : { field: err.field }),
      ...(err.issue === undefined ? {} : err.issue),
      requestId: requestIdOf(res),
    },
  };
  res.status(err.status).json(body);
}

/** Where a validated value came from; only used to word the message. */
export type InputLocation = 'body' | 'query' | 'path';

/** The first zod issue as a 400 naming the field (`breaker.openMs`, `allowedModels.0.pattern`, `limit`…). */
export function fromZodError(error: z.ZodError, location: InputLocation): ApiError {
  const issue = error.issues[0];
  if (!issue) return new ApiError(400, 'invalid_field', `invalid ${location}`);
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const field = [...path, String(issue.keys[0] ?? '')].join('.');
    const where = location === 'body' ? 'field' : location === 'query' ? 'query parameter' : 'path parameter';
    return new ApiError(400, 'unknown_field', `unknown ${where} "${field}"`, field);
  }
  const field = path.join('.');
  if (field === '') return new ApiError(400, 'invalid_field', `invalid ${location}: ${issue.message}`);
  const message = `invalid value for "${field}": ${issue.message}`;
  return new ApiError(400, 'invalid_field', message, field, undefined, fieldIssue(issue));
}

/** A field's problem in words a client can translate: `reason`, and the bound it broke when there is one. */
export interface FieldIssue {
  reason: string;
  limit?: number;
}

/**
 * The zod issue as a reason: `required` (absent, or an empty string where one is needed), `too_small` / `too_big`
 * (numbers, with the limit), `too_short` / `too_long` (text and lists), `invalid_<format>` (url, datetime, regex…),
 * `invalid_type`, `invalid_value` (not one of the choices), `invalid` (anything else).
 */
function fieldIssue(issue: z.core.$ZodIssue): FieldIssue {
  switch (issue.code) {
    case 'invalid_type':
      return { reason: issue.message.endsWith('received undefined') ? 'required' : 'invalid_type' };
    case 'too_small': {
      const limit = Number(issue.minimum);
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
        return { reason: 'too_small', limit };
      return limit === 1 && issue.origin === 'string' ? { reason: 'required' } : { reason: 'too_short', limit };
    }
    case 'too_big': {
      const limit = Number(issue.maximum);
      const numeric = issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint';
      return { reason: numeric ? 'too_big' : 'too_long', limit };
    }
    case 'invalid_format':
      return { reason: `invalid_${issue.format === 'starts_with' ? 'format' : issue.format}` };
    case 'invalid_value':
      return { reason: 'invalid_value' };
    default:
      return { reason: 'invalid' };
  }
}

/** The body parser's own failures, by their `type`. */
function fromBodyParserError(err: { type?: unknown; status?: unknown }): ApiError | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return new ApiError(400, 'invalid_json', 'the request body is not valid JSON');
    case 'entity.too.large':
      return new ApiError(413, 'payload_too_large', 'the request body is too large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError(415, 'unsupported_media_type', 'unsupported body encoding or charset');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new ApiError(400, 'invalid_body', 'the request body could not be read');
    default:
      return undefined;
  }
}

/** Last middleware: unknown route under /api/v1 → 404 in the API's error format. */
export function routeNotFound(): RequestHandler {
  return (req, res) => {
    const path = redactSecrets(`${req.baseUrl}${req.path}`);
    sendError(res, new ApiError(404, 'not_found', `no such endpoint: ${req.method} ${path}`));
  };
}

/** Turns anything thrown by a route into the error format; unexpected errors are logged (redacted) as 500s. */
export function errorHandler(ctx: HubContext): ErrorRequestHandler {
  return (err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (err instanceof ApiError) {
      sendError(res, err);
      return;
    }
    if (typeof err === 'object' && err !== null) {
      const fromParser = fromBodyParserError(err as { type?: unknown });
      if (fromParser) {
        sendError(res, fromParser);
        return;
      }
    }
    const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    ctx.logger.error(`admin API ${req.method} ${req.baseUrl}${req.path} failed [${requestIdOf(res)}]: ${what}`);
    sendError(res, new ApiError(500, 'internal_error', 'internal error; report the request id'));
  };
}
