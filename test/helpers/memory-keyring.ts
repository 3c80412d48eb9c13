// An in-memory keychain with the @napi-rs/keyring Entry semantics, and ways to make it missing or locked.
import type { Keyring } from '../../main/core/secrets/keychain-key-source';

export interface MemoryKeyring {
  keyring: Keyring;
  entries: Map<string, string>;
  /** 'missing': opening an entry fails (no Secret Service); 'locked': every read and write fails. */
  state: 'ok' | 'missing' | 'locked';
}

export function memoryKeyring(): MemoryKeyring {
  const entries = new Map<string, string>();
  const self: MemoryKeyring = {
    entries,
    state: 'ok',
    keyring: (service, account) => {
      if (self.state === 'missing') throw new Error('Platform failure: DBus error: no session bus');
      const id = `${service}/${account}`;
      const guard = () => {
        if (self.state === 'locked') throw new Error("Couldn't access platform storage: unlock prompt was dismissed");
      };
      return {
        getPassword: () => {
          guard();
          return entries.get(id) ?? null;
        },
        setPassword: (password) => {
          guard();
          entries.set(id, password);
        },
        deletePassword: () => {
          guard();
          return entries.delete(id);
        },
      };
    },
  };
  return self;
}
