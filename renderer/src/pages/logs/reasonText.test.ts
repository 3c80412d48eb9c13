// The relay's own words in a request's row and decision chain, read back in the console's language.
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/catalogue';
import { blockedByText, reasonText } from './reasonText';

const zh = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
  translate('zh-CN', key, vars);

describe('reason text', () => {
  it('translates the reasons the relay writes, filling in what they name', () => {
    expect(reasonText('success', zh)).toBe('成功');
    expect(reasonText('does not serve model gpt-4o', zh)).toBe('不提供模型 gpt-4o');
    expect(reasonText('at its limit of 3 concurrent sessions (3 live)', zh)).toBe('并发会话已达上限 3（当前 3 个）');
    expect(reasonText("not in the caller's groups (team-a, team-b)", zh)).toBe('不在调用方的分组内（team-a, team-b）');
    expect(reasonText('this hub key has expired', zh)).toBe('密钥已过期');
  });

  it('keeps text it has no translation for as written (an upstream error, a new reason)', () => {
    expect(reasonText('upstream said: overloaded', zh)).toBe('upstream said: overloaded');
  });

  it('words blockedBy codes, quota windows as a spent limit', () => {
    expect(blockedByText('key_expired', zh)).toBe('密钥已过期');
    expect(blockedByText('daily_limit', zh)).toBe('消费额度已用完');
    expect(blockedByText('something_new', zh)).toBe('something_new');
    // A quota row names its window through its error class.
    expect(blockedByText('quota', zh, 'rpm_limit')).toBe(blockedByText('rpm_limit', zh));
    expect(blockedByText('quota', zh, 'rpm_limit')).not.toBe(blockedByText('quota', zh));
  });
});
