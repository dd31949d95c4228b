import { describe, expect, it } from 'vitest';
import { escapeHtml, initialState, parseZonalPresence, readEnv, renderPage, stateJson, ZoneLog } from './testing/app-modules';
import { schemaErrors } from './testing/etsi-schemas';

/** The example notification of MEC 013 v2.2.1's zonalTraffic callback. */
const SPEC_EXAMPLE = {
  zonalPresenceNotification: {
    zoneId: 'zone01', address: 'acr:10.0.0.1', userEventType: 'Transferring', currentAccessPointId: 'ap2', previousAccessPointId: 'ap1',
    timestamp: { seconds: 1483231138, nanoSeconds: 0 }, link: [{ rel: 'ZonalTrafficSubscription', href: 'http://meAppServer.example.com/location/v2/subscriptions/zonalTraffic/subscription123' }],
  },
};

describe('parseZonalPresence', () => {
  it('reads a MEC 013 zonal presence notification', () => {
    expect(schemaErrors('mec013', 'ZonalPresenceNotification', SPEC_EXAMPLE.zonalPresenceNotification)).toEqual([]);
    expect(parseZonalPresence(SPEC_EXAMPLE)).toEqual({
      zoneId: 'zone01', address: 'acr:10.0.0.1', userEventType: 'Transferring', currentAccessPointId: 'ap2', previousAccessPointId: 'ap1', timestamp: { seconds: 1483231138, nanoSeconds: 0 },
    });
  });

  it('refuses what is not one', () => {
    expect(parseZonalPresence({ zonalPresenceNotification: { zoneId: 'z' } })).toBeUndefined();
    expect(parseZonalPresence({ userLocationEvent: {} })).toBeUndefined();
    expect(parseZonalPresence(null)).toBeUndefined();
  });
});

describe('ZoneLog', () => {
  it('numbers events in order of arrival and keeps only the newest `capacity`', () => {
    const log = new ZoneLog(2);
    for (const zoneId of ['a', 'b', 'c']) log.add({ ...parseZonalPresence(SPEC_EXAMPLE)!, zoneId }, new Date('2026-01-01T00:00:00Z'));
    expect(log.received).toBe(3);
    expect(log.events.map((e) => [e.seq, e.zoneId])).toEqual([[2, 'b'], [3, 'c']]);
  });
});

describe('the page', () => {
  it('lists the notifications newest first, escaped, with the JSON view saying the same', () => {
    const state = initialState(readEnv({ MEC_APP_INSTANCE_ID: 'inst-1' }));
    state.zoneLog.add({ ...parseZonalPresence(SPEC_EXAMPLE)!, zoneId: 'zone01' });
    state.zoneLog.add({ ...parseZonalPresence(SPEC_EXAMPLE)!, zoneId: '<script>x</script>', userEventType: 'Leaving' });
    const html = renderPage(state);
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).not.toContain('<script>x');
    expect(html.indexOf('Leaving')).toBeLessThan(html.indexOf('Transferring'));
    expect(html).toContain('<span data-testid="zone-notification-count">2</span>');
    expect(stateJson(state)).toMatchObject({ appInstanceId: 'inst-1', mp1: 'off', ready: false, received: 2, notifications: [{ seq: 1, zoneId: 'zone01' }, { seq: 2, userEventType: 'Leaving' }] });
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
  });
});
