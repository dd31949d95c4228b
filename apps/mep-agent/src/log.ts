/**
 * JSON-lines logging to stderr, in the shape pino writes (`level`, `time`, `msg`, fields), so
 * the same tools read the portal's and the agent's logs. Hand-written rather than pino because
 * every megabyte of the agent's resident memory counts on a small edge node.
 *
 * @example const log = createLogger('info'); log.child({ appInstanceId }).warn('health check failed', { port });
 */
const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity } as const;
export type TLogLevel = keyof typeof LEVELS;
type TFields = Record<string, unknown>;

export interface TLogger {
  debug(msg: string, fields?: TFields): void;
  info(msg: string, fields?: TFields): void;
  warn(msg: string, fields?: TFields): void;
  error(msg: string, fields?: TFields): void;
  child(fields: TFields): TLogger;
}

export function createLogger(level: TLogLevel, base: TFields = {}, write: (line: string) => void = (line) => process.stderr.write(line)): TLogger {
  const threshold = LEVELS[level];
  const emit = (at: Exclude<TLogLevel, 'silent'>, msg: string, fields?: TFields) => {
    if (LEVELS[at] < threshold) return;
    write(`${JSON.stringify({ level: LEVELS[at], time: Date.now(), ...base, ...fields, msg }, errorReplacer)}\n`);
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => createLogger(level, { ...base, ...fields }, write),
  };
}

/** Errors serialise as their message (and code), not as `{}`. */
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { message: value.message, ...('code' in value ? { code: value.code } : {}) };
  return value;
}

export const silentLogger: TLogger = createLogger('silent');
