// A server's field refusal shown under its field in the console's language, from its reason and limit.
import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../api/errors';
import { translate } from '../../i18n/catalogue';
import { fieldError } from './fieldErrors';

const en = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('en', key, vars);
const zh = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
  translate('zh-CN', key, vars);
const refused = (field: string, reason: string | null, limit: number | null = null) =>
  new ApiRequestError(400, 'invalid_field', `invalid value for "${field}": schema text`, 'req_1', field, reason, limit);

describe('field errors from the server', () => {
  it('words the reason in the console language, not the schema library text', () => {
    expect(fieldError(refused('baseUrl', 'invalid_url'), en, 'baseUrl')).toBe(
      'Must be a URL starting with http:// or https://',
    );
    expect(fieldError(refused('costMultiplier', 'too_small', 0), en, 'costMultiplier')).toBe('Must be zero or more');
    expect(fieldError(refused('attempts', 'too_big', 10), zh, 'attempts')).toBe('不能大于 10');
    expect(fieldError(refused('expiresAt', 'in_past'), zh, 'expiresAt')).toContain('已经过去');
  });

  it('shows nothing under other fields, and the server text for a reason it does not know', () => {
    expect(fieldError(refused('name', 'required'), en, 'baseUrl')).toBeUndefined();
    expect(fieldError(refused('name', 'brand_new'), en, 'name')).toBe('invalid value for "name": schema text');
  });
});
