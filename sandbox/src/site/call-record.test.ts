import { describe, expect, it } from 'vitest';
import type { TSandboxCall } from '@mecport/contracts/sandbox';
import { callApiOf } from './call-api';
import { CallRecord } from './call-record';
import { recordedBody, recordedHeaders, BODY_LIMIT_BYTES } from './http-message';

const message = { headers: {}, body: null, truncated: false };
const call = (method: string, url: string, status: number, direction: TSandboxCall['direction'] = 'request'): Omit<TSandboxCall, 'id'> => ({
  at: new Date(0).toISOString(), atSec: 0, direction, source: 'app', api: callApiOf(url), method, url, status, durationMs: 1, request: message, response: message,
});

describe('CallRecord', () => {
  it('pages oldest first with a cursor, and filters by api, direction, method, status class and URL text', () => {
    const record = new CallRecord();
    record.add(call('POST', '/oauth2/token', 200));
    record.add(call('GET', '/mec_service_mgmt/v1/services', 200));
    record.add(call('GET', '/location/v2/queries/users', 200));
    record.add(call('POST', '/location/v2/subscriptions/zonalTraffic', 201));
    record.add(call('GET', '/location/v2/queries/users?zoneId=nope', 404));
    record.add(call('POST', 'http://127.0.0.1:8090/cb', 0, 'notification'));

    const first = record.page({ limit: 4 });
    expect(first.items.map((c) => c.id)).toEqual([1, 2, 3, 4]);
    expect(record.page({ limit: 4, cursor: first.nextCursor! })).toEqual({ items: [expect.objectContaining({ id: 5 }), expect.objectContaining({ id: 6 })], nextCursor: null });
    expect(record.page({ limit: 10, api: 'location' }).items.map((c) => c.id)).toEqual([3, 4, 5]);
    expect(record.page({ limit: 10, api: 'mp1-app-support' }).items.map((c) => c.url)).toEqual(['/oauth2/token']);
    expect(record.page({ limit: 10, direction: 'notification' }).items.map((c) => c.id)).toEqual([6]);
    expect(record.page({ limit: 10, method: 'post' }).items.map((c) => c.id)).toEqual([1, 4, 6]);
    expect(record.page({ limit: 10, status: '4xx' }).items.map((c) => c.id)).toEqual([5]);
    expect(record.page({ limit: 10, status: 'error' }).items.map((c) => c.id)).toEqual([6]);
    expect(record.page({ limit: 10, q: 'ZONEID' }).items.map((c) => c.id)).toEqual([5]);
  });

  it('keeps only the newest calls past its capacity, ids counting on', () => {
    const record = new CallRecord(3);
    for (let i = 0; i < 5; i += 1) record.add(call('GET', `/rni/v2/queries/rab_info?i=${i}`, 200));
    expect(record.all().map((c) => c.id)).toEqual([3, 4, 5]);
    expect(record.all()[0]!.api).toBe('rnis');
  });
});

describe('recorded messages', () => {
  it('redact credentials but say their scheme', () => {
    const headers = recordedHeaders(new Headers({ authorization: 'Bearer abc.def', cookie: 'a=b', accept: 'application/json' }));
    expect(headers).toEqual({ authorization: 'Bearer [redacted]', cookie: '[redacted]', accept: 'application/json' });
  });

  it('cut bodies at 64 KiB and say so', () => {
    expect(recordedBody(new TextEncoder().encode('{"a":1}'))).toEqual({ body: '{"a":1}', truncated: false });
    expect(recordedBody(undefined)).toEqual({ body: null, truncated: false });
    const big = recordedBody(new Uint8Array(BODY_LIMIT_BYTES + 10).fill(0x61));
    expect(big).toEqual({ body: 'a'.repeat(BODY_LIMIT_BYTES), truncated: true });
  });
});

describe('the gateway', () => {
  it('refuses a request body over 1 MiB with 413 before reading it all, and records the others', async () => {
    const { createGateway } = await import('./gateway');
    const { RateLimit } = await import('./rate-limit');
    const record = new CallRecord();
    const gateway = createGateway({ record, limit: new RateLimit(100, { onFlood: () => undefined }), clockSec: () => 4, mp1Target: () => undefined, services: () => [], refusal: () => undefined });
    const big = await gateway.request('/location/v2/subscriptions/zonalTraffic', { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1), headers: { 'content-type': 'application/json' } });
    expect(big.status).toBe(413);
    const small = await gateway.request('/mec_app_support/v1/timing/current_time', { headers: { authorization: 'Bearer secret' } });
    expect(small.status).toBe(503); // no agent behind it
    expect(record.all().map((c) => [c.url, c.status, c.atSec, c.request.headers.authorization])).toEqual([['/mec_app_support/v1/timing/current_time', 503, 4, 'Bearer [redacted]']]);
  });
});
