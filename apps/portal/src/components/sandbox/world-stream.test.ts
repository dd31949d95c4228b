import type { TWorldSnapshot } from '@mecport/contracts/sandbox';
import { describe, expect, it } from 'vitest';
import { EMPTY_STREAM, parseStreamMessage, RECENT_EVENTS, reduceStream, type TStreamAction, type TStreamState } from './world-stream';

const NET = { latencyMs: 5, latencyVariationMs: 1, throughputDlMbps: 100, throughputUlMbps: 50, packetLossPct: 0 };

function world(seq: number, timeSec: number, lon = 116.3): TWorldSnapshot {
  return {
    scenarioId: 'campus', seed: 1, timeSec, seq,
    ues: [{ id: 'ue1', address: 'acr:10.100.0.1', location: [lon, 39.9], speedMps: 1.4, poaId: 'poa1', zoneId: 'z1', mecNodeId: 'mec1', moving: true }],
    poas: [{ id: 'poa1', zoneId: 'z1', type: 'POA-5G', location: [116.3, 39.9], radiusM: 200, cellId: '0000001', up: true, netChar: NET }],
    zones: [{ id: 'z1', domainId: 'd1', name: 'Zone 1', netChar: NET, mecNodeId: 'mec1' }, { id: 'z2', domainId: 'd1', name: 'Zone 2', netChar: NET, mecNodeId: 'mec2' }],
  };
}

const run = (actions: (TStreamAction | null)[], from: TStreamState = EMPTY_STREAM) =>
  actions.reduce<TStreamState>((s, a) => (a ? reduceStream(s, a) : s), from);
const msg = (name: string, data: unknown) => parseStreamMessage(name, JSON.stringify(data));

describe('parseStreamMessage', () => {
  it('reads world snapshots, engine events and status changes', () => {
    expect(msg('world', world(0, 0))?.type).toBe('world');
    expect(msg('event', { seq: 1, timeSec: 2, kind: 'poa-state', poaId: 'poa1', up: false })?.type).toBe('event');
    expect(msg('status', { status: 'running', timeSec: 3, unknown: 1 })).toEqual({ type: 'status', patch: { status: 'running', timeSec: 3 } });
  });
  it('reads a UE position update as a move, not a logged event', () => {
    expect(msg('event', { kind: 'ue-moved', ueId: 'ue1', location: [116.31, 39.9], timeSec: 4 })).toEqual({ type: 'ue-moved', ueId: 'ue1', location: [116.31, 39.9], timeSec: 4 });
  });
  it('drops what it cannot use: bad JSON, wrong shapes, other event names', () => {
    expect(parseStreamMessage('world', '{not json')).toBeNull();
    expect(msg('world', { seq: 'x' })).toBeNull();
    expect(msg('event', { seq: 1, kind: 'nonsense' })).toBeNull();
    expect(msg('ping', {})).toBeNull();
    expect(msg('status', { status: 'exploded' })).toBeNull();
  });
});

describe('reduceStream', () => {
  it('takes a newer snapshot and ignores an older one (a slow poll never moves UEs back)', () => {
    const state = run([msg('world', world(3, 10, 116.4)), msg('world', world(2, 8, 116.2))]);
    expect(state.world?.timeSec).toBe(10);
    expect(state.world?.ues[0]?.location[0]).toBe(116.4);
    expect(run([msg('world', world(3, 11, 116.5))], state).world?.ues[0]?.location[0]).toBe(116.5);
  });
  it('takes the snapshot of a reset sandbox (clock back at 0)', () => {
    const state = run([msg('world', world(7, 40)), msg('world', world(0, 0, 116.1))]);
    expect(state.world?.timeSec).toBe(0);
  });
  it('greys an access point as soon as its down event arrives', () => {
    const state = run([msg('world', world(0, 0)), msg('event', { seq: 1, timeSec: 2, kind: 'poa-state', poaId: 'poa1', up: false })]);
    expect(state.world?.poas[0]?.up).toBe(false);
    expect(state.world?.seq).toBe(1);
  });
  it('moves a UE on a teleport or a position update', () => {
    const state = run([msg('world', world(0, 0)), msg('event', { seq: 1, timeSec: 1, kind: 'ue-teleported', ueId: 'ue1', location: [116.5, 40] })]);
    expect(state.world?.ues[0]?.location).toEqual([116.5, 40]);
    expect(run([msg('event', { kind: 'ue-moved', ueId: 'ue1', location: [116.6, 40], timeSec: 2 })], state).world?.ues[0]?.location).toEqual([116.6, 40]);
  });
  it('hands a UE to the new zone and the node serving it on a POA change', () => {
    const state = run([msg('world', world(0, 0)), msg('event', { seq: 1, timeSec: 1, kind: 'ue-poa-change', ueId: 'ue1', fromPoaId: 'poa1', toPoaId: 'poa2', fromZoneId: 'z1', toZoneId: 'z2' })]);
    expect(state.world?.ues[0]).toMatchObject({ poaId: 'poa2', zoneId: 'z2', mecNodeId: 'mec2' });
    const out = run([msg('event', { seq: 2, timeSec: 2, kind: 'ue-poa-change', ueId: 'ue1', fromPoaId: 'poa2', toPoaId: null, fromZoneId: 'z2', toZoneId: null })], state);
    expect(out.world?.ues[0]).toMatchObject({ poaId: null, zoneId: null, mecNodeId: null });
  });
  it('keeps each event once, newest first, and at most RECENT_EVENTS', () => {
    const events = Array.from({ length: RECENT_EVENTS + 5 }, (_, i) => msg('event', { seq: i + 1, timeSec: i, kind: 'poa-state', poaId: 'poa1', up: i % 2 === 0 }));
    const state = run([...events, events[3]!, events[RECENT_EVENTS + 4]!]);
    expect(state.events).toHaveLength(RECENT_EVENTS);
    expect(state.events[0]?.seq).toBe(RECENT_EVENTS + 5);
    expect(new Set(state.events.map((e) => e.seq)).size).toBe(RECENT_EVENTS);
  });
  it('merges status messages field by field', () => {
    const state = run([msg('status', { status: 'running', timeSec: 1 }), msg('status', { status: 'failed', failureReason: 'crash loop' })]);
    expect(state.status).toEqual({ status: 'failed', timeSec: 1, failureReason: 'crash loop' });
  });
});
