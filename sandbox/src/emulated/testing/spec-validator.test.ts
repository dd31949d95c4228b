import { describe, expect, it } from 'vitest';
import { checkNotification, checkResponse } from './spec-validator';

// The conformance test is only as strong as the validator: it must refuse what the specs refuse.
describe('spec validator', () => {
  const user = { address: 'acr:10.0.0.1', accessPointId: 'a', zoneId: 'z', resourceURL: 'http://x/u', timestamp: { seconds: 1, nanoSeconds: 0 }, locationInfo: { latitude: [1], longitude: [2], shape: 2 } };

  it('accepts a spec-shaped user list and refuses one missing a required field or with a wrong type', () => {
    const ok = checkResponse('GET', '/location/v2/queries/users', 200, 'application/json', { userList: { user: [user], resourceURL: 'http://x' } });
    expect(ok).toEqual({ operation: 'GET /location/v2/queries/users', declared: true, errors: [] });
    const { zoneId: _z, ...noZone } = user;
    expect(checkResponse('GET', '/location/v2/queries/users', 200, 'application/json', { userList: { user: [noZone], resourceURL: 'http://x' } }).errors.join()).toContain('zoneId');
    expect(checkResponse('GET', '/location/v2/queries/users', 200, 'application/json', { userList: { user: [{ ...user, locationInfo: { ...user.locationInfo, latitude: 1 } }], resourceURL: 'x' } }).errors).not.toEqual([]);
  });

  it('checks errors as problem+json, and says when a status is not declared', () => {
    expect(checkResponse('GET', '/location/v2/queries/zones/z', 404, 'application/json', { status: 404 }).errors).toEqual(['404 answered application/json; the spec allows application/problem+json']);
    expect(checkResponse('GET', '/location/v2/queries/zones/z', 404, 'application/problem+json', { type: 'not a uri', status: 404 }).errors.join()).toContain('format');
    expect(checkResponse('GET', '/location/v2/queries/zones', 500, 'application/problem+json', { status: 500 }).declared).toBe(false);
  });

  it('checks RNIS answers and notifications against MEC 012', () => {
    const ecgi = { plmn: { mcc: '460', mnc: '00' }, cellId: '1cc001001' };
    expect(checkNotification('rnis', 'rnis', { notificationType: 'CellChangeNotification', hoStatus: 3, srcEcgi: ecgi, trgEcgi: [ecgi] })).toEqual([]);
    expect(checkNotification('rnis', 'rnis', { notificationType: 'CellChangeNotification', hoStatus: 3, srcEcgi: ecgi, trgEcgi: ecgi }).join()).toContain('trgEcgi');
    expect(checkNotification('rnis', 'rnis', { notificationType: 'RabEstNotification', ecgi }).join()).toContain('erabId');
    expect(checkResponse('GET', '/rni/v2/queries/plmn_info', 200, 'application/json', [{ appInstanceId: 'a', plmn: [] }]).errors.join()).toContain('plmn');
  });

  it('checks Location notifications against the callback of the subscription that made them', () => {
    const zonal = { zoneId: 'z', address: 'acr:1', userEventType: 'Entering', currentAccessPointId: 'a', timestamp: { seconds: 1, nanoSeconds: 0 } };
    expect(checkNotification('location', 'zonalTraffic', { zonalPresenceNotification: zonal })).toEqual([]);
    expect(checkNotification('location', 'userTracking', { zonalPresenceNotification: { ...zonal, userEventType: 'Moving' } }).join()).toContain('allowed values');
    expect(checkNotification('location', 'area/circle', { subscriptionNotification: { terminalLocation: [{ address: 'acr:1' }] } }).join()).toContain('locationRetrievalStatus');
  });
});
