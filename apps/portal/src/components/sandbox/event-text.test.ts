import { describe, expect, it } from 'vitest';
import { eventText } from './event-text';

const base = { seq: 1, timeSec: 1 };

describe('eventText', () => {
  it('tells a zone change apart from a hand-over inside one zone', () => {
    expect(eventText({ ...base, kind: 'ue-poa-change', ueId: 'u', fromPoaId: 'p1', toPoaId: 'p2', fromZoneId: 'z1', toZoneId: 'z2' }))
      .toEqual({ key: 'zoneChange', values: { ue: 'u', from: 'z1', to: 'z2' } });
    expect(eventText({ ...base, kind: 'ue-poa-change', ueId: 'u', fromPoaId: 'p1', toPoaId: 'p2', fromZoneId: 'z1', toZoneId: 'z1' }).key).toBe('poaChange');
  });
  it('says when a UE enters or leaves coverage', () => {
    expect(eventText({ ...base, kind: 'ue-poa-change', ueId: 'u', fromPoaId: null, toPoaId: 'p2', fromZoneId: null, toZoneId: 'z2' }).key).toBe('zoneEntered');
    expect(eventText({ ...base, kind: 'ue-poa-change', ueId: 'u', fromPoaId: 'p2', toPoaId: null, fromZoneId: 'z2', toZoneId: null }).key).toBe('zoneLeft');
  });
  it('describes access points, moves and speeds', () => {
    expect(eventText({ ...base, kind: 'poa-state', poaId: 'p', up: false }).key).toBe('poaDown');
    expect(eventText({ ...base, kind: 'poa-state', poaId: 'p', up: true }).key).toBe('poaUp');
    expect(eventText({ ...base, kind: 'ue-teleported', ueId: 'u', location: [116.123456789, 39.9] }).values).toMatchObject({ lon: '116.12346', lat: '39.90000' });
    expect(eventText({ ...base, kind: 'ue-speed', ueId: 'u', speedMps: 0 }).values).toEqual({ ue: 'u', speed: 0 });
  });
});
