// A tiny levelled logger for the hub's own events (never on the relay's per-request path); redacts secrets.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/** Hub keys, bearer tokens and provider-style keys are masked wherever they appear in a log line. */
const SECRET_PATTERNS: RegExp[] = [
  /sk-cchub-[A-Za-z0-9]{6,}/g,
  /\b(sk-(?:ant-)?[A-Za-z0-9_-]{8})[A-Za-z0-9_-]{8,}/g,
  /(Bearer\s+)[^\s"']+/gi,
  /cchub-admin-[A-Za-z0-9_-]+/g,
];

export function redactSecrets(text: string): string {
  let out = text;
  out = out.replace(SECRET_PATTERNS[0] as RegExp, 'sk-cchub-***');
  out = out.replace(SECRET_PATTERNS[1] as RegExp, '$1***');
  out = out.replace(SECRET_PATTERNS[2] as RegExp, '$1***');
  out = out.replace(SECRET_PATTERNS[3] as RegExp, 'cchub-admin-***');
  return out;
}

export function createLogger(level: LogLevel, sink: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const min = ORDER[level];
  const at = (lvl: Exclude<LogLevel, 'silent'>) => (msg: string) => {
    if (ORDER[lvl] < min) return;
    sink(`${new Date().toISOString()} ${lvl.padEnd(5)} ${redactSecrets(msg)}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
