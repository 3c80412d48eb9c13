import { describe, expect, it } from 'vitest';
import { redactKeyShapes, SECRET_MASK, SecretRedactor } from './redactor';

describe('SecretRedactor: held secrets', () => {
  it('masks a held secret of any shape wherever it appears, the fixed ones and the changing ones', () => {
    const r = new SecretRedactor(['admin-Zq81xLm2Pw']);
    r.setSecrets(['prov.key/Ab9+Cd8=Ef7']);
    const out = r.redact('invalid key prov.key/Ab9+Cd8=Ef7 (token admin-Zq81xLm2Pw), "prov.key/Ab9+Cd8=Ef7"');
    expect(out).toBe(`invalid key ${SECRET_MASK} (token ${SECRET_MASK}), "${SECRET_MASK}"`);
  });

  it('forgets the secrets of providers that are gone, never the fixed ones', () => {
    const r = new SecretRedactor(['admin-Zq81xLm2Pw']);
    r.setSecrets(['old-provider-key-1']);
    r.setSecrets(['new-provider-key-2']);
    expect(r.redact('old-provider-key-1 new-provider-key-2 admin-Zq81xLm2Pw')).toBe(
      `old-provider-key-1 ${SECRET_MASK} ${SECRET_MASK}`,
    );
  });

  it('a secret that is part of another: the longer one is masked whole, each alone too', () => {
    const r = new SecretRedactor();
    r.setSecrets(['Zq81xLm2', 'Zq81xLm2Pw77Kd', 'xLm2Pw77']);
    expect(r.redact('a Zq81xLm2Pw77Kd b')).toBe(`a ${SECRET_MASK} b`);
    expect(r.redact('a Zq81xLm2 b')).toBe(`a ${SECRET_MASK} b`);
    expect(r.redact('a _xLm2Pw77_ b')).toBe(`a _${SECRET_MASK}_ b`);
  });

  it('escapes regular-expression characters in secrets', () => {
    const r = new SecretRedactor();
    r.setSecrets(['a.b*c+d?(e)[f]{g}|h^$\\']);
    expect(r.redact('x a.b*c+d?(e)[f]{g}|h^$\\ y')).toBe(`x ${SECRET_MASK} y`);
    expect(r.redact('x aXbbbc+d y')).toBe('x aXbbbc+d y');
  });

  it('ignores secrets too short to tell from ordinary words', () => {
    const r = new SecretRedactor(['', 'the']);
    r.setSecrets(['key', 'abc1234']);
    const text = 'the key abc1234 is used by the hub';
    expect(r.redact(text)).toBe(text);
  });

  it("masks the caller's own key passed for one call only", () => {
    const r = new SecretRedactor();
    expect(r.redact('you sent my-own-hub-key-77 twice: my-own-hub-key-77', 'my-own-hub-key-77')).toBe(
      `you sent ${SECRET_MASK} twice: ${SECRET_MASK}`,
    );
    expect(r.redact('you sent my-own-hub-key-77')).toBe('you sent my-own-hub-key-77');
  });
});

describe('SecretRedactor: key shapes', () => {
  const cases: Array<[string, string]> = [
    ['key sk-cchub-AbCdEf0123456789AbCdEf0123456789 here', 'key sk-cchub-*** here'],
    ['invalid x-api-key sk-ant-api03-Ab_Cd-Ef0123456789xyz.', 'invalid x-api-key sk-ant-*** .'.replace(' .', '.')],
    ['Incorrect API key provided: sk-proj-AbCdEf0123456789AbCd', 'Incorrect API key provided: sk-***'],
    ['key=AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW&alt=sse', 'key=AIza***&alt=sse'],
    ['Authorization: Bearer abc123DEF456ghi789', 'Authorization: Bearer ***'],
    ['authorization: bearer 9f8e7d6c5b4a', 'authorization: bearer ***'],
    [
      'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U ok',
      'token eyJ*** ok',
    ],
    ['admin cchub-admin-Qx9_Zr2-Lk7mNp0 bad', 'admin cchub-admin-*** bad'],
  ];
  it.each(cases)('%s', (input, expected) => {
    expect(redactKeyShapes(input)).toBe(expected);
    expect(new SecretRedactor(['unrelated-secret-1']).redact(input)).toBe(expected);
  });

  it('leaves ordinary words and short look-alikes alone', () => {
    const text =
      'Bearer authentication failed; the bearer token is missing. risk-management-framework-policy, ' +
      'task-queue-overloaded-now, sk-learn, AIza is short, eyJ alone, cchub-admin-, model claude-sonnet-4-6, ' +
      'request req_011CAbCdEf0123456789 at https://api.example.com/v1/messages';
    expect(redactKeyShapes(text)).toBe(text);
    expect(new SecretRedactor(['unrelated-secret-1']).redact(text)).toBe(text);
  });
});
