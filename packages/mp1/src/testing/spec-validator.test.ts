/** The conformance checker itself must catch what is wrong, or the conformance tests prove nothing. */
import { describe, expect, it } from 'vitest';
import { checkNotification, checkResponse } from './spec-validator';

const SM = '/mec_service_mgmt/v1';
const service = { serInstanceId: 's1', serName: 'rni', version: '1', state: 'ACTIVE', serializer: 'JSON', transportInfo: { id: 't', name: 'REST', type: 'REST_HTTP', protocol: 'HTTP', version: '1.1', endpoint: { uris: ['http://10.0.0.1/rni'] }, security: {} } };
const check = (method: string, path: string, status: number, body: unknown, contentType = 'application/json') => checkResponse(method, path, status, contentType, body, body === undefined ? '' : JSON.stringify(body));

describe('checkResponse', () => {
  it('accepts a valid ServiceInfo list and names the operation', () => {
    expect(check('GET', `${SM}/services`, 200, [service])).toEqual({ operation: `GET ${SM}/services`, declared: true, errors: [] });
  });

  it('reports a missing required field, a wrong enum and a string that is no URI reference', () => {
    const { serName: _n, ...noName } = service;
    expect(check('GET', `${SM}/services/s1`, 200, noName).errors.join()).toMatch(/serName/);
    expect(check('GET', `${SM}/services/s1`, 200, { ...service, state: 'UP' }).errors.join()).toMatch(/allowed values/);
    expect(check('GET', `${SM}/transports`, 200, [{ ...service.transportInfo, endpoint: { uris: ['http://a b/'] } }]).errors.length).toBeGreaterThan(0);
    // MEC 011's own examples give relative references, so the checker reads these as uri-reference.
    expect(check('GET', `${SM}/transports`, 200, [{ ...service.transportInfo, endpoint: { uris: ['/relative'] } }]).errors).toEqual([]);
  });

  it('requires problem+json ProblemDetails for errors and no body on 204', () => {
    expect(check('GET', `${SM}/services/x`, 404, { type: 'urn:mecport:problem:not-found', title: 'Not found', status: 404 }, 'application/problem+json').errors).toEqual([]);
    expect(check('GET', `${SM}/services/x`, 404, { status: 'gone' }, 'application/problem+json').errors.join()).toMatch(/status/);
    expect(check('GET', `${SM}/services/x`, 404, { status: 404 }, 'application/json').errors.join()).toMatch(/the spec allows application\/problem\+json/);
    expect(check('DELETE', `${SM}/applications/a/services/s1`, 204, { ok: true }).errors.join()).toMatch(/must have no body/);
  });

  it('marks statuses the operation does not declare', () => {
    expect(check('GET', `${SM}/transports`, 401, { status: 401 }, 'application/problem+json')).toMatchObject({ declared: false, errors: [] });
    expect(check('GET', `${SM}/transports`, 201, [])).toMatchObject({ declared: false });
  });
});

describe('checkNotification', () => {
  it('validates both notification types against the callbacks\' schemas', () => {
    expect(checkNotification({ notificationType: 'AppTerminationNotification', operationAction: 'STOPPING', maxGracefulTimeout: 5, _links: { subscription: { href: 'http://mep/s' } } })).toEqual([]);
    expect(checkNotification({ notificationType: 'AppTerminationNotification', operationAction: 'PAUSE', maxGracefulTimeout: -1, _links: {} }).length).toBeGreaterThanOrEqual(3);
    expect(checkNotification({ notificationType: 'SerAvailabilityNotification', serviceReferences: [{ serName: 'x', serInstanceId: 'y', state: 'ACTIVE' }], _links: { subscription: { href: 'http://mep/s' } } }).join()).toMatch(/changeType/);
  });
});
