// A tiny levelled logger for the hub's own events (never on the relay's per-request path); redacts secrets.
import { redactKeyShapes } from './secrets/redactor';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/** Key shapes (hub keys, provider keys, bearer tokens, JWTs, admin tokens) masked wherever they appear. */
export const redactSecrets = redactKeyShapes;

/** `redact` masks each line; the hub passes its redactor, which also knows the secrets it holds. */
export function createLogger(
  level: LogLevel,
  sink: (line: string) => void = (l) => process.stderr.write(l),
  redact: (text: string) => string = redactKeyShapes,
): Logger {
  const min = ORDER[level];
  const at = (lvl: Exclude<LogLevel, 'silent'>) => (msg: string) => {
    if (ORDER[lvl] < min) return;
    sink(`${new Date().toISOString()} ${lvl.padEnd(5)} ${redact(msg)}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
