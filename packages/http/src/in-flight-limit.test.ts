import { describe, expect, it } from 'vitest';
import { createInFlightLimit, inFlightLimitOptions, isEdgeAgentWrite, isEdgeLongPoll, ZInFlightLimitEnv } from './in-flight-limit';
import { createLogger } from './logger';

const ordinary = () => new Request('http://server/api/v1/me', { headers: { 'x-request-id': 'req-12345678' } });
const longPoll = (node = 'n1') => new Request(`http://server/api/v1/edge/nodes/${node}/desired?after=3&waitSec=30`);
const agentWrite = (node = 'n1', what: 'report' | 'heartbeat' = 'report') => new Request(`http://server/api/v1/edge/nodes/${node}/${what}`, { method: 'POST', body: '{}' });

/** A handler that answers when the test says so: requests stay in flight meanwhile. */
function gate() {
  const open: (() => void)[] = [];
  const handler = (_request: Request) => new Promise<Response>((resolve) => open.push(() => resolve(new Response('ok'))));
  return { handler, answerAll: () => open.splice(0).forEach((answer) => answer()), waiting: () => open.length };
}

describe('createInFlightLimit', () => {
  it('answers the N+1th concurrent request at once with 503 problem+json and Retry-After, and the next one after a release', async () => {
    const limit = createInFlightLimit({ maxInFlight: 3, retryAfterSec: 7 });
    const { handler, answerAll, waiting } = gate();
    const guarded = limit.wrap(handler);
    const first = [guarded(ordinary()), guarded(ordinary()), guarded(ordinary())];
    expect(limit.inFlight('ordinary')).toBe(3);

    const refused = await guarded(ordinary());
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('7');
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.headers.get('x-request-id')).toBe('req-12345678');
    expect(await refused.json()).toMatchObject({ status: 503, type: 'urn:mecport:problem:unavailable', reason: 'overloaded', instance: '/api/v1/me', requestId: 'req-12345678', detail: expect.stringMatching(/limit of 3 requests in flight.*Retry after 7 s/) });
    expect(waiting()).toBe(3); // the refused one never reached the handler
    expect(limit.shed('ordinary')).toBe(1);

    answerAll();
    expect((await Promise.all(first)).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(limit.inFlight('ordinary')).toBe(0);
    const again = guarded(ordinary());
    expect(limit.inFlight('ordinary')).toBe(1);
    answerAll();
    expect((await again).status).toBe(200);
  });

  it('releases its place when the handler answers an error or throws', async () => {
    const limit = createInFlightLimit({ maxInFlight: 1 });
    const answersError = limit.wrap(async () => new Response('nope', { status: 500 }));
    const throws = limit.wrap(async (): Promise<Response> => { throw new Error('handler blew up'); });
    expect((await answersError(ordinary())).status).toBe(500);
    expect(limit.inFlight('ordinary')).toBe(0);
    await expect(throws(ordinary())).rejects.toThrow('handler blew up');
    expect(limit.inFlight('ordinary')).toBe(0);
    expect((await answersError(ordinary())).status).toBe(500); // admitted: the place was free again
    expect(limit.shed('ordinary')).toBe(0);
  });

  it('counts parked long-polls in a budget of their own: they neither starve other requests nor are starved by them', async () => {
    const limit = createInFlightLimit({ maxInFlight: 2, maxLongPolls: 1000 });
    const polls = gate();
    const work = gate();
    const parked = Array.from({ length: 1000 }, (_, i) => limit.wrap(polls.handler)(longPoll(`n${i}`)));
    expect(limit.inFlight('long-poll')).toBe(1000);
    expect(limit.inFlight('ordinary')).toBe(0);

    const served = [limit.wrap(work.handler)(ordinary()), limit.wrap(work.handler)(ordinary())];
    expect(work.waiting()).toBe(2); // both admitted beside 1,000 parked long-polls
    const overPolls = await limit.wrap(polls.handler)(longPoll('n1000'));
    expect(overPolls.status).toBe(503);
    expect(await overPolls.json()).toMatchObject({ reason: 'long-polls-full' });
    expect((await limit.wrap(work.handler)(ordinary())).status).toBe(503);
    expect(limit.shed('long-poll')).toBe(1);
    expect(limit.shed('ordinary')).toBe(1);

    polls.answerAll();
    work.answerAll();
    await Promise.all([...parked, ...served]);
    expect(limit.inFlight('long-poll')).toBe(0);
    expect(limit.inFlight('ordinary')).toBe(0);
  });

  it('counts agents\' reports and heartbeats in a budget of their own: a rollout\'s reports are not shed by ordinary traffic', async () => {
    const limit = createInFlightLimit({ maxInFlight: 2, maxAgentWrites: 1000 });
    const writes = gate();
    const work = gate();
    const served = [limit.wrap(work.handler)(ordinary()), limit.wrap(work.handler)(ordinary())];
    expect((await limit.wrap(work.handler)(ordinary())).status).toBe(503); // the ordinary budget is full
    const queued = Array.from({ length: 1000 }, (_, i) => limit.wrap(writes.handler)(agentWrite(`n${i}`, i % 2 ? 'report' : 'heartbeat')));
    expect(limit.inFlight('agent-write')).toBe(1000);
    expect(writes.waiting()).toBe(1000);
    const over = await limit.wrap(writes.handler)(agentWrite('n1000'));
    expect(over.status).toBe(503);
    expect(over.headers.get('retry-after')).toBe('2');
    expect(await over.json()).toMatchObject({ reason: 'agent-writes-full', detail: expect.stringMatching(/limit of 1000 agent reports and heartbeats/) });
    expect(limit.shed('agent-write')).toBe(1);
    writes.answerAll();
    work.answerAll();
    await Promise.all([...queued, ...served]);
    expect(limit.inFlight('agent-write')).toBe(0);
  });

  it('passes the other arguments through (a route handler\'s context)', async () => {
    const limit = createInFlightLimit();
    const handler = async (request: Request, context: { params: string }) => new Response(`${new URL(request.url).pathname} ${context.params}`);
    expect(await (await limit.wrap(handler)(ordinary(), { params: 'id=1' })).text()).toBe('/api/v1/me id=1');
  });

  it('a ticket released twice frees one place only', () => {
    const limit = createInFlightLimit({ maxInFlight: 2 });
    const a = limit.admit(ordinary());
    const b = limit.admit(ordinary());
    if (a instanceof Response || b instanceof Response) throw new Error('both should be admitted');
    a.release();
    a.release();
    expect(limit.inFlight('ordinary')).toBe(1);
    b.release();
    expect(limit.inFlight('ordinary')).toBe(0);
  });

  it('sums shed requests up in one warning per interval', () => {
    const lines: unknown[] = [];
    const log = createLogger('test', 'warn');
    log.warn = ((fields: unknown) => void lines.push(fields)) as typeof log.warn;
    let now = 1_000_000;
    const limit = createInFlightLimit({ maxInFlight: 1, log, logEverySec: 10, now: () => now });
    limit.admit(ordinary());
    for (let i = 0; i < 50; i++) limit.admit(ordinary());
    expect(lines).toHaveLength(1);
    now += 10_000;
    limit.admit(ordinary());
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ shed: { ordinary: 50 }, limit: 1 });
  });
});

describe('isEdgeLongPoll', () => {
  it('is the desired-state GET only, under any base path', () => {
    expect(isEdgeLongPoll(longPoll())).toBe(true);
    expect(isEdgeLongPoll(new Request('https://x/mecport/api/v1/edge/nodes/n1/desired?after=1'))).toBe(true);
    expect(isEdgeLongPoll(new Request('http://x/api/v1/edge/nodes/n1/desired', { method: 'POST' }))).toBe(false);
    expect(isEdgeLongPoll(new Request('http://x/api/v1/edge/nodes/n1/heartbeat', { method: 'POST' }))).toBe(false);
    expect(isEdgeLongPoll(new Request('http://x/api/v1/me?waitSec=30'))).toBe(false);
  });
});

describe('isEdgeAgentWrite', () => {
  it('is an agent\'s report or heartbeat POST only, under any base path', () => {
    expect(isEdgeAgentWrite(agentWrite('n1', 'report'))).toBe(true);
    expect(isEdgeAgentWrite(new Request('https://x/mecport/api/v1/edge/nodes/n1/heartbeat', { method: 'POST' }))).toBe(true);
    expect(isEdgeAgentWrite(new Request('http://x/api/v1/edge/nodes/n1/report'))).toBe(false);
    expect(isEdgeAgentWrite(new Request('http://x/api/v1/edge/nodes/n1/logs', { method: 'POST' }))).toBe(false);
    expect(isEdgeAgentWrite(longPoll())).toBe(false);
  });
});

describe('ZInFlightLimitEnv', () => {
  it('has defaults and reads the variables', () => {
    expect(inFlightLimitOptions(ZInFlightLimitEnv.parse({}))).toEqual({ maxInFlight: 1024, maxLongPolls: 10_000, maxAgentWrites: 10_000, retryAfterSec: 2 });
    expect(inFlightLimitOptions(ZInFlightLimitEnv.parse({ MECPORT_MAX_IN_FLIGHT: '64', MECPORT_MAX_LONG_POLLS: '5000', MECPORT_MAX_AGENT_WRITES: '700', MECPORT_RETRY_AFTER_SEC: '5' }))).toEqual({ maxInFlight: 64, maxLongPolls: 5000, maxAgentWrites: 700, retryAfterSec: 5 });
    expect(() => ZInFlightLimitEnv.parse({ MECPORT_MAX_IN_FLIGHT: '0' })).toThrow();
  });
});
