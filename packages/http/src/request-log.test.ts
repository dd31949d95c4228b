import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createRequestLog } from './request-log';

function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(JSON.parse(chunk.toString())); done(); } });
  return { lines, log: pino({ level }, sink) };
}

const poll = (status: number) => ({ method: 'GET', path: '/api/v1/edge/nodes/n1/desired', status, ms: 1 });

describe('createRequestLog', () => {
  it('logs one in N successful long-polls and health checks, marked with N', () => {
    const { lines, log } = capture();
    const logRequest = createRequestLog({ sampleEvery: 10 });
    for (let i = 0; i < 25; i++) logRequest(log, poll(204));
    for (let i = 0; i < 10; i++) logRequest(log, { method: 'GET', path: '/api/health', status: 200, ms: 1 });
    expect(lines).toHaveLength(4); // the 1st, 11th, 21st long-poll and one health check (the 31st sampled answer)
    expect(lines.every((l) => l.sampled === 10 && l.msg === 'request')).toBe(true);
  });

  it('logs every error, every non-GET and every other GET', () => {
    const { lines, log } = capture();
    const logRequest = createRequestLog({ sampleEvery: 10 });
    logRequest(log, poll(499));
    logRequest(log, poll(503));
    logRequest(log, poll(401));
    logRequest(log, { method: 'POST', path: '/api/v1/edge/nodes/n1/heartbeat', status: 204, ms: 1, sub: 'node:n1' });
    logRequest(log, { method: 'POST', path: '/api/v1/edge/nodes/n1/heartbeat', status: 204, ms: 1, sub: 'node:n1' });
    logRequest(log, { method: 'GET', path: '/api/v1/me', status: 200, ms: 1 });
    logRequest(log, { method: 'GET', path: '/api/v1/me', status: 200, ms: 1 });
    expect(lines.map((l) => [l.method, l.status, l.sampled])).toEqual([
      ['GET', 499, undefined], ['GET', 503, undefined], ['GET', 401, undefined],
      ['POST', 204, undefined], ['POST', 204, undefined], ['GET', 200, undefined], ['GET', 200, undefined],
    ]);
  });

  it('logs every line at level debug, or with sampleEvery 1', () => {
    const debug = capture('debug');
    const logDebug = createRequestLog({ sampleEvery: 10 });
    for (let i = 0; i < 5; i++) logDebug(debug.log, poll(204));
    expect(debug.lines).toHaveLength(5);
    const all = capture();
    const logAll = createRequestLog({ sampleEvery: 1 });
    for (let i = 0; i < 5; i++) logAll(all.log, poll(204));
    expect(all.lines).toHaveLength(5);
    expect(all.lines[0]).not.toHaveProperty('sampled');
  });
});
