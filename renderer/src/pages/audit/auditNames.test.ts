// Names on audit entries' ids.
import { describe, expect, it } from 'vitest';
import type { Names } from '../../api/useNames';
import { describeActor, nameOfId } from './auditNames';

const table: Record<string, string> = { usr_1: 'alice', key_2: 'laptop', prv_3: 'main' };
const lookup = (prefix: string) => (id: string | null | undefined) =>
  id?.startsWith(prefix) ? (table[id] ?? null) : null;
const names: Names = { user: lookup('usr_'), key: lookup('key_'), provider: lookup('prv_') };

describe('audit names', () => {
  it('names users and keys of the actor, leaving other actors alone', () => {
    expect(describeActor('user:usr_1 key:key_2', names)).toBe('alice · laptop');
    expect(describeActor('admin-token', names)).toBe('admin-token');
    expect(describeActor('user:usr_9', names)).toBe('usr_9');
  });

  it('names any known record id', () => {
    expect(nameOfId('prv_3', names)).toBe('main');
    expect(nameOfId('settings', names)).toBe('settings');
  });
});
