/**
 * The one JSON line per request that every route writes, and the few lines that may be sampled.
 * Every error (status 400 and up, 499 included) and every request that is not a GET is logged,
 * always. Successful GETs of the hot, repetitive routes (by default the agents' desired-state
 * long-poll and `GET /api/health`; 1,000 agents make 30+ long-polls a second that say only
 * "nothing new") are logged one in `sampleEvery`, with `sampled: <n>` on the line, so counts
 * from the log stay right. At level `debug` every line is logged.
 *
 * @example
 *   const logRequest = createRequestLog({ sampleEvery: 100 });
 *   logRequest(log, 'GET', '/api/health', { method: 'GET', path: '/api/health', status: 200, ms: 1 });
 */
import { isEdgeLongPollPath } from './in-flight-limit';
import type { Logger } from './logger';

export interface TRequestLogOptions {
  /** Which successful GETs are sampled (default: `isSampledByDefault`). */
  sampled?: (pathname: string) => boolean;
  /** One line for this many sampled answers (default 100; 1 logs them all). */
  sampleEvery?: number;
}

export interface TRequestLine { method: string; path: string; status: number; ms: number; sub?: string }

export type TRequestLog = (log: Logger, line: TRequestLine) => void;

/** The agents' long-poll and the health check: the GETs a fleet and a load balancer repeat all day. */
export function isSampledByDefault(pathname: string): boolean {
  return isEdgeLongPollPath(pathname) || pathname.endsWith('/api/health');
}

export function createRequestLog(options: TRequestLogOptions = {}): TRequestLog {
  const sampled = options.sampled ?? isSampledByDefault;
  const every = Math.max(1, Math.floor(options.sampleEvery ?? 100));
  let seen = 0;
  return (log, line) => {
    const sampleable = every > 1 && line.method === 'GET' && line.status < 400 && sampled(line.path) && !log.isLevelEnabled('debug');
    if (!sampleable) return void log.info(line, 'request');
    seen += 1;
    if (seen % every === 1 % every) log.info({ ...line, sampled: every }, 'request');
  };
}
