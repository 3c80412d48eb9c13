// The admin token: ADMIN_TOKEN from the environment (never written), else generated once into the data dir (0600).
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ADMIN_TOKEN_FILE } from './db/data-dir-files';

export { ADMIN_TOKEN_FILE };

export interface AdminTokenResult {
  token: string;
  /** True only on the start that generated it: the caller prints it once. */
  generated: boolean;
  source: 'env' | 'file';
}

export function resolveAdminToken(dataDir: string, fromEnv: string | undefined): AdminTokenResult {
  if (fromEnv) return { token: fromEnv, generated: false, source: 'env' };
  const path = join(dataDir, ADMIN_TOKEN_FILE);
  if (existsSync(path)) return { token: readFileSync(path, 'utf8').trim(), generated: false, source: 'file' };
  mkdirSync(dataDir, { recursive: true });
  const token = `cchub-admin-${randomBytes(24).toString('base64url')}`;
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return { token, generated: true, source: 'file' };
}
