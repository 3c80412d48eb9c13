// Sends an error the hub itself produces, in the client's wire format, with a stable code and the request id.
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { hubErrorBody } from '../formats/errors';
import type { WireFormat } from '../formats/types';

/** Anthropic clients switch on `error.type`, so the hub's own code goes in the message and a header there. */
function anthropicType(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 529:
    case 503:
      return 'overloaded_error';
    default:
      return 'api_error';
  }
}

export function hubErrorMessage(code: string, message: string, requestId: string): string {
  return `${message} [cchub ${code}, request ${requestId}]`;
}

export function sendHubError(
  res: ServerResponse,
  format: WireFormat,
  status: number,
  code: string,
  message: string,
  requestId: string,
  extraHeaders: OutgoingHttpHeaders = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = hubErrorBody(
    format,
    status,
    format === 'anthropic' ? anthropicType(status) : code,
    hubErrorMessage(code, message, requestId),
  );
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': body.length,
    'x-cchub-request-id': requestId,
    'x-cchub-error-code': code,
    ...extraHeaders,
  });
  res.end(body);
}
