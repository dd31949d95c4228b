/**
 * Load shedding by requests in flight: a server that is already working on `maxInFlight` requests
 * answers the next one at once with 503 problem+json and `Retry-After`, instead of queueing it
 * behind the others until the client's timeout (after which the client sends it again, and the
 * server does the work twice). Web-standard (`Request` → `Response`), so any server can use it.
 *
 * Long-polls are counted in a budget of their own (`maxLongPolls`): a parked long-poll costs a
 * socket and a timer, not CPU, so 1,000 parked agents must neither use up the ordinary budget
 * (and starve every other caller) nor be refused because ordinary traffic is busy. When the
 * long-poll budget is full, the next long-poll gets the same 503 (the agent retries, perhaps on
 * another replica).
 *
 * The agents' reports and heartbeats have a budget of their own too (`maxAgentWrites`): they wait
 * in a group commit for their batch's transaction (core's AgentWrites), a few hundred bytes each
 * and no CPU, and a rollout to N agents brings N reports at once. In the ordinary budget a rollout
 * to 1,000 agents on one gateway overflowed 1,024 and sent reports back to retry 2 s later.
 *
 * A request counts from the moment it is admitted until its handler's promise settles (answer,
 * error answer or thrown exception); the streaming of a body the handler already returned (a
 * package download) does not count: that is socket work, not the server's.
 *
 * @example
 *   const limit = createInFlightLimit({ maxInFlight: 1024, maxLongPolls: 10_000 });
 *   export const GET = limit.wrap(route.handle);                    // around one handler, or
 *   const ticket = limit.admit(request); if (ticket instanceof Response) return ticket;
 *   try { return await next(); } finally { ticket.release(); }     // as middleware
 */
import { ERROR_TITLES, problemType } from '@mecport/contracts';
import { z } from 'zod';
import type { Logger } from './logger';
import { problemResponse } from './problem-response';
import { requestIdOf } from './request-id';

export interface TInFlightLimitOptions {
  /** Ordinary requests worked on at once; the next one gets 503 (default 1024). */
  maxInFlight?: number;
  /** Long-polls parked at once, a budget apart from `maxInFlight` (default 10,000). */
  maxLongPolls?: number;
  /** Agents' reports and heartbeats waiting for their group commit at once, a budget of their own (default 10,000). */
  maxAgentWrites?: number;
  /** Seconds a refused client is told to wait (`Retry-After`; default 2). Clients add jitter. */
  retryAfterSec?: number;
  /** Which requests park (default: the agents' desired-state long-poll, `isEdgeLongPoll`). */
  isLongPoll?: (request: Request) => boolean;
  /** Which requests are group-committed agent writes (default: reports and heartbeats, `isEdgeAgentWrite`). */
  isAgentWrite?: (request: Request) => boolean;
  /** Shed requests are summed up in at most one warning per `logEverySec` (default 10), never one line each. */
  log?: Logger;
  logEverySec?: number;
  now?: () => number;
}

export interface TAdmission { release(): void }

export type TBudget = 'ordinary' | 'long-poll' | 'agent-write';

export interface TInFlightLimit {
  /** A ticket to release when the work is done, or the 503 to answer. */
  admit(request: Request): TAdmission | Response;
  /** `handler` behind the limit; releases on every outcome. */
  wrap<A extends unknown[]>(handler: (request: Request, ...rest: A) => Promise<Response>): (request: Request, ...rest: A) => Promise<Response>;
  /** Requests being worked on now, per budget. */
  inFlight(budget: TBudget): number;
  /** Requests refused since start, per budget. */
  shed(budget: TBudget): number;
}

export const IN_FLIGHT_DEFAULTS = { maxInFlight: 1024, maxLongPolls: 10_000, maxAgentWrites: 10_000, retryAfterSec: 2 } as const;

const EDGE_LONG_POLL_PATH = /^(?:\/.*)?\/api\/v1\/edge\/nodes\/[^/]+\/desired$/;
const EDGE_AGENT_WRITE_PATH = /^(?:\/.*)?\/api\/v1\/edge\/nodes\/[^/]+\/(?:report|heartbeat)$/;

/** An agent's report or heartbeat (`POST …/api/v1/edge/nodes/{nodeId}/report|heartbeat`), under any base path. */
export function isEdgeAgentWrite(request: Request): boolean {
  return request.method === 'POST' && EDGE_AGENT_WRITE_PATH.test(new URL(request.url).pathname);
}

/** The agents' desired-state long-poll (`GET …/api/v1/edge/nodes/{nodeId}/desired`), under any base path. */
export function isEdgeLongPoll(request: Request): boolean {
  return request.method === 'GET' && isEdgeLongPollPath(new URL(request.url).pathname);
}

export function isEdgeLongPollPath(pathname: string): boolean {
  return EDGE_LONG_POLL_PATH.test(pathname);
}

/**
 * The limits as a server reads them from its environment (merge into its `env.ts` schema):
 * `MECPORT_MAX_IN_FLIGHT`, `MECPORT_MAX_LONG_POLLS`, `MECPORT_RETRY_AFTER_SEC`.
 */
export const ZInFlightLimitEnv = z.object({
  MECPORT_MAX_IN_FLIGHT: z.coerce.number().int().positive().default(IN_FLIGHT_DEFAULTS.maxInFlight),
  MECPORT_MAX_LONG_POLLS: z.coerce.number().int().positive().default(IN_FLIGHT_DEFAULTS.maxLongPolls),
  MECPORT_MAX_AGENT_WRITES: z.coerce.number().int().positive().default(IN_FLIGHT_DEFAULTS.maxAgentWrites),
  MECPORT_RETRY_AFTER_SEC: z.coerce.number().int().positive().max(300).default(IN_FLIGHT_DEFAULTS.retryAfterSec),
});
export type TInFlightLimitEnv = z.infer<typeof ZInFlightLimitEnv>;

/** `createInFlightLimit` options from the parsed environment. */
export function inFlightLimitOptions(env: TInFlightLimitEnv): TInFlightLimitOptions {
  return { maxInFlight: env.MECPORT_MAX_IN_FLIGHT, maxLongPolls: env.MECPORT_MAX_LONG_POLLS, maxAgentWrites: env.MECPORT_MAX_AGENT_WRITES, retryAfterSec: env.MECPORT_RETRY_AFTER_SEC };
}

export function createInFlightLimit(options: TInFlightLimitOptions = {}): TInFlightLimit {
  const max: Record<TBudget, number> = {
    ordinary: options.maxInFlight ?? IN_FLIGHT_DEFAULTS.maxInFlight,
    'long-poll': options.maxLongPolls ?? IN_FLIGHT_DEFAULTS.maxLongPolls,
    'agent-write': options.maxAgentWrites ?? IN_FLIGHT_DEFAULTS.maxAgentWrites,
  };
  const retryAfterSec = options.retryAfterSec ?? IN_FLIGHT_DEFAULTS.retryAfterSec;
  const isLongPoll = options.isLongPoll ?? isEdgeLongPoll;
  const isAgentWrite = options.isAgentWrite ?? isEdgeAgentWrite;
  const busy = zeroPerBudget();
  const refused = zeroPerBudget();
  const report = shedReporter(options);

  function admit(request: Request): TAdmission | Response {
    const budget: TBudget = isLongPoll(request) ? 'long-poll' : isAgentWrite(request) ? 'agent-write' : 'ordinary';
    if (busy[budget] >= max[budget]) {
      refused[budget] += 1;
      report(budget, max[budget]);
      return overloaded(request, budget, max[budget], retryAfterSec);
    }
    busy[budget] += 1;
    let released = false;
    return {
      release() {
        if (released) return; // a second release must not free another request's place
        released = true;
        busy[budget] -= 1;
      },
    };
  }

  return {
    admit,
    wrap: (handler) => async (request, ...rest) => {
      const ticket = admit(request);
      if (ticket instanceof Response) return ticket;
      try {
        return await handler(request, ...rest);
      } finally {
        ticket.release();
      }
    },
    inFlight: (budget) => busy[budget],
    shed: (budget) => refused[budget],
  };
}

const zeroPerBudget = (): Record<TBudget, number> => ({ ordinary: 0, 'long-poll': 0, 'agent-write': 0 });

const LIMIT_OF: Record<TBudget, { what: string; reason: string }> = {
  ordinary: { what: 'requests in flight', reason: 'overloaded' },
  'long-poll': { what: 'long-polls parked', reason: 'long-polls-full' },
  'agent-write': { what: 'agent reports and heartbeats waiting to be written', reason: 'agent-writes-full' },
};

function overloaded(request: Request, budget: TBudget, max: number, retryAfterSec: number): Response {
  const { what, reason } = LIMIT_OF[budget];
  return problemResponse(
    {
      type: problemType('unavailable'), title: ERROR_TITLES.unavailable, status: 503, reason,
      detail: `This server is at its limit of ${max} ${what}, so it refused this request rather than queue it. Retry after ${retryAfterSec} s (with jitter).`,
      instance: new URL(request.url).pathname, requestId: requestIdOf(request),
    },
    { 'retry-after': String(retryAfterSec) },
  );
}

/** One warning per interval with the count, so an overload does not also flood the log. */
function shedReporter(options: TInFlightLimitOptions): (budget: TBudget, max: number) => void {
  const everyMs = (options.logEverySec ?? 10) * 1000;
  const now = options.now ?? Date.now;
  let since = 0;
  let pending = zeroPerBudget();
  return (budget, max) => {
    pending[budget] += 1;
    if (!options.log || now() - since < everyMs) return;
    options.log.warn({ shed: pending, limit: max, budget }, 'overloaded: refusing requests with 503 and Retry-After');
    since = now();
    pending = zeroPerBudget();
  };
}
