/** Structured JSON logs (pino), one logger per deployable, child loggers per request. */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(name: string, level: string = 'info'): Logger {
  return pino({ name, level, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime, redact: ['req.headers.authorization', '*.token', '*.password'] });
}
