/**
 * Structured JSON logs (pino), one logger per deployable, child loggers per request.
 *
 * Lines go to stdout in batches of about 4 KiB, and at least every half second: written one by
 * one, each request line cost its own write (a system call through libuv's thread pool) and, under
 * `npm start`, a wake-up of the prefixing parent, together more CPU than a lean route's own work
 * (README, Performance, "Request logging"). The buffer is flushed when the process exits, also
 * after an uncaught exception; only a SIGKILL can lose the last half second.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export interface TLoggerOptions {
  /** Bytes gathered before a write (default 4096); 0 writes every line as it comes. */
  bufferBytes?: number;
  /** The longest a line waits in the buffer, in ms (default 500). */
  flushMs?: number;
}

export function createLogger(name: string, level: string = 'info', options: TLoggerOptions = {}): Logger {
  const settings = { name, level, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime, redact: ['req.headers.authorization', '*.token', '*.password'] };
  if (level === 'silent') return pino(settings);
  const bufferBytes = options.bufferBytes ?? 4096;
  return pino(settings, pino.destination({ dest: 1, sync: false, minLength: bufferBytes, periodicFlush: bufferBytes > 0 ? (options.flushMs ?? 500) : 0 }));
}
