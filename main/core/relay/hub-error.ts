// Sends an error the hub itself produces, in the client's wire format, with a stable code and the request id.
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { WIRE_FORMATS, type WireFormat } from '../formats';

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
  const { errors } = WIRE_FORMATS[format];
  const body = errors.body(status, errors.hubType(status, code), hubErrorMessage(code, message, requestId));
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': body.length,
    'x-cchub-request-id': requestId,
    'x-cchub-error-code': code,
    ...extraHeaders,
  });
  res.end(body);
}
