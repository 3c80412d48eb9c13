// Contract fixtures both OpenAI formats share: how their hub error bodies read back, and where the key goes.
import type { FormatFixtures } from '../common/fixtures';

export const OPENAI_ERROR_TYPES: FormatFixtures['errorTypes'] = [
  [400, 'invalid_request', 'invalid_request_error'],
  [401, 'invalid_api_key', 'authentication_error'],
  [402, 'payment_required', 'insufficient_quota'],
  [403, 'model_not_allowed', 'permission_error'],
  [404, 'unknown_endpoint', 'not_found_error'],
  [405, 'method_not_allowed', 'invalid_request_error'],
  [413, 'body_too_large', 'invalid_request_error'],
  [415, 'unsupported_media_type', 'invalid_request_error'],
  [429, 'rpm_limit', 'rate_limit_error'],
  [429, 'daily_spend_exceeded', 'insufficient_quota'],
  [500, 'internal_error', 'server_error'],
  [502, 'upstream_failed', 'server_error'],
  [503, 'no_provider', 'server_error'],
];

/** Bearer whatever the Anthropic-only setting says. */
export const OPENAI_AUTH: FormatFixtures['auth'] = [
  { provider: { anthropicAuth: 'both' }, keyHeaders: { authorization: 'Bearer KEY' } },
  { provider: { anthropicAuth: 'x-api-key' }, keyHeaders: { authorization: 'Bearer KEY' } },
];
