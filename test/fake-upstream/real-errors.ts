// Error answers real upstreams give, byte for byte in their shape: what error rules and the relay's fixes match.

export interface RealError {
  status: number;
  /** The body; `{requestId}` is replaced by the answer's request id. */
  body: string;
  headers?: Record<string, string>;
}

const anthropic = (type: string, message: string) =>
  JSON.stringify({ type: 'error', error: { type, message }, request_id: '{requestId}' });

export const REAL_ERRORS = {
  /** A thinking block signed by another account or provider sent back (after a failover). */
  'anthropic.invalid-thinking-signature': {
    status: 400,
    body: anthropic('invalid_request_error', 'messages.1.content.0: Invalid `signature` in `thinking` block'),
  },
  'anthropic.thinking-budget': {
    status: 400,
    body: anthropic(
      'invalid_request_error',
      '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at ' +
        'https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size',
    ),
  },
  'anthropic.prompt-too-long': {
    status: 400,
    body: anthropic('invalid_request_error', 'prompt is too long: 215342 tokens > 200000 maximum'),
  },
  'anthropic.overloaded': { status: 529, body: anthropic('overloaded_error', 'Overloaded') },
  'anthropic.credit-balance': {
    status: 400,
    body: anthropic(
      'invalid_request_error',
      'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
    ),
  },
  'openai.context-length-exceeded': {
    status: 400,
    body: JSON.stringify({
      error: {
        message:
          "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens. " +
          'Please reduce the length of the messages.',
        type: 'invalid_request_error',
        param: 'messages',
        code: 'context_length_exceeded',
      },
    }),
  },
  'openai.insufficient-quota': {
    status: 429,
    body: JSON.stringify({
      error: {
        message:
          'You exceeded your current quota, please check your plan and billing details. For more information on ' +
          'this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
        type: 'insufficient_quota',
        param: null,
        code: 'insufficient_quota',
      },
    }),
  },
  /** The ChatGPT Codex backend (`/backend-api/codex/responses`) refusing a string `input`. */
  'codex.input-must-be-list': { status: 400, body: '{"detail":"Input must be a list"}' },
} satisfies Record<string, RealError>;

export type RealErrorName = keyof typeof REAL_ERRORS;

export function isRealErrorName(name: unknown): name is RealErrorName {
  return typeof name === 'string' && Object.hasOwn(REAL_ERRORS, name);
}

/** The error's body for one answer. */
export function realErrorBody(name: RealErrorName, requestId: string): string {
  return REAL_ERRORS[name].body.replace('{requestId}', requestId);
}
