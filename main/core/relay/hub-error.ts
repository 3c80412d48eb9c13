// Sends an error the hub itself produces, in the client's wire format, with a stable code and the request id.
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { classifyAnthropicErrorType, hubErrorBody } from '../formats/errors';
import type { WireFormat } from '../formats/types';

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
  // Anthropic clients switch on `error.type`, so the hub's own code goes in the message and a header there.
  const body = hubErrorBody(
    format,
    status,
    format === 'anthropic' ? classifyAnthropicErrorType(status) : code,
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
