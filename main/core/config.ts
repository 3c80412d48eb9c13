// The hub's configuration: environment variables and CLI flags, validated with zod into one typed Config.
import { resolve } from 'node:path';
import { z } from 'zod';
import { TrustedProxies } from './client-address';
import { systemTimeZone } from './time/calendar';

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** ADMIN_TOKEN from the environment; undefined means "generate or load from the data dir". */
  adminToken: string | undefined;
  /** CCHUB_SECRET_KEY: base64 or hex 32-byte data key for provider secrets; undefined means "key file". */
  secretKey: string | undefined;
  /** undefined = decide per request (TLS or trusted X-Forwarded-Proto), true/false forces. */
  insecureCookies: boolean | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Timezone used only as the first-start default of the timezone setting. */
  timezone: string;
  /** Largest accepted request body, compressed or decompressed (bytes). */
  maxBodyBytes: number;
  /** CCHUB_TRUSTED_PROXIES: peers whose X-Forwarded-For names the client (default none: the header is ignored). */
  trustedProxies: TrustedProxies;
  /** Request-body bytes the hub holds in memory at once across all requests; a body over it is refused (overload). */
  maxInFlightBodyBytes: number;
  /** Live client sessions kept (sticky bindings, concurrency counts); the least recently active idle one goes first. */
  maxSessions: number;
  /** The whole header block must arrive within this (ms). */
  headersTimeoutMs: number;
  /** Headers and body must arrive within this (ms); never applies to the answer. */
  requestTimeoutMs: number;
  /** No byte for this long while a request is arriving closes the connection (ms); never applies to an answer. */
  idleTimeoutMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const envSchema = z.object({
  CCHUB_HOST: z.string().min(1).default('127.0.0.1'),
  CCHUB_PORT: z.coerce.number().int().min(0).max(65535).default(23000),
  CCHUB_DATA_DIR: z.string().min(1).default('./data'),
  ADMIN_TOKEN: z
    .string()
    .min(16, 'ADMIN_TOKEN must be at least 16 characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  CCHUB_SECRET_KEY: z.string().optional(),
  CCHUB_INSECURE_COOKIES: z.enum(['0', '1', '']).optional(),
  CCHUB_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  CCHUB_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(32 * 1024 * 1024),
  CCHUB_TRUSTED_PROXIES: z.string().default(''),
  CCHUB_MAX_INFLIGHT_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(256 * 1024 * 1024),
  CCHUB_MAX_SESSIONS: z.coerce.number().int().positive().default(10_000),
  CCHUB_HEADERS_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  CCHUB_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(300_000),
  CCHUB_IDLE_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  TZ: z.string().optional(),
});

/** Flags that may override the environment. Secrets are never accepted as flags (they would show in `ps`). */
const FLAG_NAMES = {
  '--host': 'CCHUB_HOST',
  '--port': 'CCHUB_PORT',
  '--data-dir': 'CCHUB_DATA_DIR',
  '--trusted-proxies': 'CCHUB_TRUSTED_PROXIES',
} as const;
/** Mode flags: they choose what the binary does and carry no value. */
const MODE_FLAGS = { '--server': 'server', '--export-key': 'export-key' } as const;

export interface ParsedFlags {
  overrides: Partial<Record<(typeof FLAG_NAMES)[keyof typeof FLAG_NAMES], string>>;
  server: boolean;
  /** `--export-key`: print the OS keychain's data key (for CCHUB_SECRET_KEY) and exit. */
  exportKey: boolean;
}

/**
 * Parses `--host X`, `--host=X`, `--port`, `--data-dir`, `--trusted-proxies`, `--server` and `--export-key`; anything
 * else is an error.
 */
export function parseFlags(argv: readonly string[]): ParsedFlags {
  const overrides: ParsedFlags['overrides'] = {};
  let server = false;
  let exportKey = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const mode = MODE_FLAGS[arg as keyof typeof MODE_FLAGS];
    if (mode) {
      if (mode === 'server') server = true;
      else exportKey = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const envName = FLAG_NAMES[name as keyof typeof FLAG_NAMES];
    if (!envName) {
      if (/^--(admin-token|secret-key|token)/.test(name)) {
        throw new ConfigError(`${name} is not accepted as a flag (it would show in ps): set it in the environment`);
      }
      throw new ConfigError(
        `unknown flag ${arg}; accepted: --host, --port, --data-dir, --trusted-proxies, --server, --export-key`,
      );
    }
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '') throw new ConfigError(`${name} needs a value`);
    overrides[envName] = value;
  }
  return { overrides, server, exportKey };
}

/** What a binary does: the headless hub, the desktop app, or print the keychain's data key. */
export type EntryMode = 'server' | 'desktop' | 'export-key';

/**
 * Decides the mode from the user's arguments alone (the Electron entry's default is 'desktop', the Node entry's
 * 'server'). Only the mode flags are looked at: the desktop app ignores other arguments (the OS and Chromium add
 * their own), the server validates them with parseFlags.
 */
export function entryMode(argv: readonly string[], fallback: EntryMode): EntryMode {
  const server = argv.includes('--server');
  const exportKey = argv.includes('--export-key');
  if (server && exportKey) throw new ConfigError('--server and --export-key cannot be combined');
  if (exportKey) return 'export-key';
  if (server) return 'server';
  return fallback;
}

/** Builds the Config from an environment and the command-line flags (flags win). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = []): Config {
  const { overrides } = parseFlags(argv);
  const parsed = envSchema.safeParse({ ...pickEnv(env), ...overrides });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`invalid configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  let trustedProxies: TrustedProxies;
  try {
    trustedProxies = TrustedProxies.parse(e.CCHUB_TRUSTED_PROXIES);
  } catch (err) {
    throw new ConfigError(`invalid configuration: CCHUB_TRUSTED_PROXIES: ${(err as Error).message}`);
  }
  if (e.CCHUB_HEADERS_TIMEOUT_MS > e.CCHUB_REQUEST_TIMEOUT_MS) {
    throw new ConfigError('invalid configuration: CCHUB_HEADERS_TIMEOUT_MS must not exceed CCHUB_REQUEST_TIMEOUT_MS');
  }
  return {
    host: e.CCHUB_HOST,
    port: e.CCHUB_PORT,
    dataDir: resolve(e.CCHUB_DATA_DIR),
    adminToken: e.ADMIN_TOKEN,
    secretKey: e.CCHUB_SECRET_KEY || undefined,
    insecureCookies: e.CCHUB_INSECURE_COOKIES === '1' ? true : e.CCHUB_INSECURE_COOKIES === '0' ? false : undefined,
    logLevel: e.CCHUB_LOG_LEVEL,
    timezone: e.TZ || systemTimeZone(),
    maxBodyBytes: e.CCHUB_MAX_BODY_BYTES,
    trustedProxies,
    maxInFlightBodyBytes: e.CCHUB_MAX_INFLIGHT_BODY_BYTES,
    maxSessions: e.CCHUB_MAX_SESSIONS,
    headersTimeoutMs: e.CCHUB_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.CCHUB_REQUEST_TIMEOUT_MS,
    idleTimeoutMs: e.CCHUB_IDLE_TIMEOUT_MS,
  };
}

function pickEnv(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(envSchema.shape)) {
    if (env[key] !== undefined) out[key] = env[key];
  }
  return out;
}
