// Sealing an export's secrets: the right passphrase opens them, a wrong one or an altered value is refused.
import { describe, expect, it } from 'vitest';
import { newSealer, opener, PassphraseError } from './passphrase';

describe('export passphrase', () => {
  it('opens what it sealed, with a fresh salt and IV each time', async () => {
    const a = await newSealer('correct horse battery');
    const b = await newSealer('correct horse battery');
    expect(a.header.salt).not.toBe(b.header.salt);
    const sealed = a.seal('sk-ant-secret-value');
    expect(sealed).not.toContain('secret');
    expect(a.seal('sk-ant-secret-value')).not.toBe(sealed);
    const open = await opener('correct horse battery', a.header);
    expect(open(sealed)).toBe('sk-ant-secret-value');
  });

  it('refuses a wrong passphrase before any value, an altered value, and a short passphrase', async () => {
    const s = await newSealer('correct horse battery');
    await expect(opener('wrong horse battery', s.header)).rejects.toBeInstanceOf(PassphraseError);
    const open = await opener('correct horse battery', s.header);
    const raw = Buffer.from(s.seal('value'), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => open(raw.toString('base64'))).toThrow(PassphraseError);
    await expect(newSealer('short')).rejects.toBeInstanceOf(PassphraseError);
  });
});
