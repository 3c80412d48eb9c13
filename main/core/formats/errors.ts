// Error bodies and in-stream error events the hub itself produces, in each client's wire format (SPEC §1, §4).
import { randomUUID } from 'node:crypto';
import type { WireFormat } from './types';

/**
 * The standard Anthropic `error.type` for an HTTP status: every 4xx without its own type is the client's
 * (`invalid_request_error`: 405, 411, 415, 422…), never `api_error`; the hub's 503 (no provider, not ready) reads as
 * `overloaded_error`, which clients retry.
 */
export function classifyAnthropicErrorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 402) return 'billing_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status === 504) return 'timeout_error';
  if (status === 503 || status === 529) return 'overloaded_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

const QUOTA_WORDS = /quota|spend|budget|credit|balance|billing/i;

/**
 * The OpenAI `error.type` for an HTTP status. A 402, or a 429 whose hub code speaks of quota/spend/budget, is
 * `insufficient_quota` (clients such as Codex stop instead of retrying); any other 429 is `rate_limit_error`.
 */
export function openAiErrorType(status: number, code = ''): string {
  if (status === 402) return 'insufficient_quota';
  if (status === 429) return QUOTA_WORDS.test(code) ? 'insufficient_quota' : 'rate_limit_error';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** The Google RPC status name Gemini reports for an HTTP status. */
export function geminiStatus(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'PERMISSION_DENIED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 402 || status === 429) return 'RESOURCE_EXHAUSTED';
  if (status === 502 || status === 503 || status === 504 || status === 529) return 'UNAVAILABLE';
  if (status >= 500) return 'INTERNAL';
  return 'INVALID_ARGUMENT';
}

function errorObject(format: WireFormat, status: number, type: string, message: string): unknown {
  switch (format) {
    case 'anthropic':
      return { type: 'error', error: { type, message } };
    case 'openai-chat':
    case 'openai-responses':
      return { error: { message, type: openAiErrorType(status, type), code: type } };
    case 'gemini':
      return { error: { code: status, message, status: geminiStatus(status) } };
  }
}

/** A hub error response body: `type` is the hub's own error code (Anthropic error.type, OpenAI error.code). */
export function hubErrorBody(format: WireFormat, status: number, type: string, message: string): Buffer {
  return Buffer.from(JSON.stringify(errorObject(format, status, type, message)));
}

export interface StreamErrorOptions {
  /** The HTTP status the failure would have had (OpenAI error.type, Gemini code/status); default 502. */
  status?: number;
  /** Responses: the next `sequence_number` of the stream (the error event gets it, response.failed the one after). */
  sequenceNumber?: number;
  /** Gemini: the stream is the JSON-array form (no `?alt=sse`): emit `,{"error":…}]` to close the array. */
  geminiJsonArray?: boolean;
}

/**
 * The bytes of a clean in-stream error to append when a committed stream fails mid-way. Anthropic: an `error`
 * event. OpenAI chat: a `data: {"error":…}` chunk and no `[DONE]`. Responses: an `error` event followed by a
 * `response.failed` event (what Codex and the SDKs act on). Gemini: a `data: {"error":…}` chunk, or in the
 * JSON-array form the error element plus the closing `]`.
 */
export function hubStreamErrorEvent(
  format: WireFormat,
  type: string,
  message: string,
  options: StreamErrorOptions = {},
): Buffer {
  const status = options.status ?? 502;
  switch (format) {
    case 'anthropic':
      return Buffer.from(`event: error\ndata: ${JSON.stringify(errorObject(format, status, type, message))}\n\n`);
    case 'openai-chat':
      return Buffer.from(`data: ${JSON.stringify(errorObject(format, status, type, message))}\n\n`);
    case 'openai-responses':
      return Buffer.from(responsesFailure(type, message, options.sequenceNumber));
    case 'gemini': {
      const json = JSON.stringify(errorObject(format, status, type, message));
      return Buffer.from(options.geminiJsonArray ? `,\n${json}\n]` : `data: ${json}\n\n`);
    }
  }
}

function responsesFailure(code: string, message: string, sequence: number | undefined): string {
  const seq = (offset: number) => (sequence === undefined ? {} : { sequence_number: sequence + offset });
  const errorEvent = { type: 'error', code, message, param: null, ...seq(0) };
  const failed = {
    type: 'response.failed',
    ...seq(1),
    response: {
      id: `resp_${randomUUID().replace(/-/g, '')}`,
      object: 'response',
      created_at: Math.floor(Date.now() / 1000),
      status: 'failed',
      error: { code, message },
      incomplete_details: null,
      output: [],
      usage: null,
    },
  };
  return `event: error\ndata: ${JSON.stringify(errorEvent)}\n\nevent: response.failed\ndata: ${JSON.stringify(failed)}\n\n`;
}
