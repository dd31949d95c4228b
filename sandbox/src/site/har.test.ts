import { describe, expect, it } from 'vitest';
import type { TSandboxCall } from '@mecport/contracts/sandbox';
import { toHar } from './har';
import { harValidator } from './testing/har-validator';

const call = (over: Partial<TSandboxCall>): TSandboxCall => ({
  id: 1, at: '2026-12-05T03:00:00.000Z', atSec: 12.5, direction: 'request', source: 'app', api: 'location', method: 'GET',
  url: '/location/v2/queries/users?zoneId=zone1&zoneId=zone2', status: 200, durationMs: 3.25,
  request: { headers: { authorization: 'Bearer [redacted]', accept: 'application/json' }, body: null, truncated: false },
  response: { headers: { 'content-type': 'application/json' }, body: '{"userList":{}}', truncated: false },
  ...over,
});

describe('toHar', () => {
  const validate = harValidator();

  it('makes a HAR 1.2 log that validates against the published schema, one entry per exchange in order', () => {
    const calls = [
      call({}),
      call({ id: 2, method: 'POST', api: 'mp1-app-support', url: '/mec_app_support/v1/applications/a/confirm_ready', status: 204, request: { headers: { 'content-type': 'application/json' }, body: '{"indication":"READY"}', truncated: false }, response: { headers: {}, body: null, truncated: false } }),
      call({ id: 3, direction: 'notification', source: 'service', method: 'POST', url: 'http://127.0.0.1:8090/notify', status: 0, request: { headers: { 'content-type': 'application/json' }, body: '{"zonalPresenceNotification":{}}', truncated: true }, response: { headers: {}, body: null, truncated: false } }),
    ];
    const har = toHar(calls, 'http://127.0.0.1:41000');
    expect(validate(har)).toEqual([]);
    expect(validate({ log: { version: '1.2', entries: [] } })).not.toEqual([]); // the validator does refuse (no creator)
    const entries = har.log.entries as (typeof har.log.entries[number] & { _sandbox: Record<string, unknown> })[];
    expect(entries.map((e) => e.request.url)).toEqual([
      'http://127.0.0.1:41000/location/v2/queries/users?zoneId=zone1&zoneId=zone2',
      'http://127.0.0.1:41000/mec_app_support/v1/applications/a/confirm_ready',
      'http://127.0.0.1:8090/notify',
    ]);
    expect(entries[0]!.request.queryString).toEqual([{ name: 'zoneId', value: 'zone1' }, { name: 'zoneId', value: 'zone2' }]);
    expect(entries[0]!.request.headers).toContainEqual({ name: 'authorization', value: 'Bearer [redacted]' });
    expect(entries[0]!.response.content).toMatchObject({ mimeType: 'application/json', text: '{"userList":{}}', size: 15 });
    expect(entries[1]!.request.postData).toEqual({ mimeType: 'application/json', text: '{"indication":"READY"}' });
    expect(entries[2]!._sandbox).toMatchObject({ direction: 'notification', source: 'service', requestTruncated: true, atSec: 12.5 });
  });
});
