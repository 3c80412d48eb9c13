// OpenAI's error JSON and response headers, shared by Chat Completions, Responses and the 404 fallback.

interface ErrorKind {
  type: string;
  code: string | null;
  message: string;
}

function errorKind(status: number): ErrorKind {
  switch (status) {
    case 400:
      return { type: 'invalid_request_error', code: null, message: 'Invalid request.' };
    case 401:
      return { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' };
    case 403:
      return { type: 'invalid_request_error', code: 'unsupported_country_region_territory', message: 'Forbidden.' };
    case 404:
      return { type: 'invalid_request_error', code: null, message: 'Not found.' };
    case 429:
      return { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests.' };
    case 503:
    case 529:
      return {
        type: 'server_error',
        code: null,
        message: 'The engine is currently overloaded, please try again later.',
      };
    default:
      return status >= 500
        ? {
            type: 'server_error',
            code: null,
            message: 'The server had an error while processing your request. Sorry about that!',
          }
        : { type: 'invalid_request_error', code: null, message: 'Invalid request.' };
  }
}

export function openAiErrorObject(status: number, message?: string): object {
  const kind = errorKind(status);
  return { message: message ?? kind.message, type: kind.type, param: null, code: kind.code };
}

export function openAiErrorBody(status: number, _requestId: string, message?: string): string {
  return JSON.stringify({ error: openAiErrorObject(status, message) });
}

const rateLimitHeaders: Record<string, string> = {
  'openai-processing-ms': '1',
  'openai-version': '2020-10-01',
  'x-ratelimit-limit-requests': '10000',
  'x-ratelimit-remaining-requests': '9999',
  'x-ratelimit-limit-tokens': '30000000',
  'x-ratelimit-remaining-tokens': '29999000',
  'x-ratelimit-reset-requests': '6ms',
  'x-ratelimit-reset-tokens': '2ms',
};

export function openAiHeaders(requestId: string): Record<string, string> {
  return { 'x-request-id': requestId, ...rateLimitHeaders };
}
