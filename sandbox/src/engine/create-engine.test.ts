import { describe, expect, it } from 'vitest';
import { AppError } from '@mecport/contracts/errors';
import type { TEngineEvent } from '@mecport/contracts/sandbox';
import { createEngine } from './create-engine';
import { haversineM, lineScenario } from './scenario-fixtures';

const poaChanges = (events: TEngineEvent[]) => events.filter((e) => e.kind === 'ue-poa-change');

describe('the serving POA', () => {
  it('hands a UE over where it passes the midpoint between two POAs, with its zone and MEC node', () => {
    const engine = createEngine(lineScenario(), 1);
    const events: TEngineEvent[] = [];
    engine.onEvent((e) => events.push(e));
    expect(engine.view.ues.get('ue-1')).toMatchObject({ poaId: 'poa-a', zoneId: 'zone-a', mecNodeId: 'node-1' });
    // The first tick strictly past the midpoint (10 m/s, ticks of 1 s).
    const midpointM = haversineM([0, 0], [0.01, 0]) / 2;
    const expectedSec = Math.ceil(midpointM / 10);
    engine.advance(expectedSec - 1);
    expect(events).toEqual([]);
    engine.advance(expectedSec);
    expect(events).toEqual([{ seq: 1, timeSec: expectedSec, kind: 'ue-poa-change', ueId: 'ue-1', fromPoaId: 'poa-a', toPoaId: 'poa-b', fromZoneId: 'zone-a', toZoneId: 'zone-b' }]);
    expect(engine.view.ues.get('ue-1')).toMatchObject({ poaId: 'poa-b', zoneId: 'zone-b', mecNodeId: 'node-2' });
  });

  it('leaves a UE unserved outside every coverage circle, and serves it again on the way back', () => {
    const engine = createEngine(lineScenario({ radiusM: 300, ues: [{ id: 'ue-1', name: 'U', address: 'acr:10.0.0.1', path: [[0, 0], [0.01, 0]], speedMps: 10, eopMode: 'REVERSE' }] }), 1);
    engine.advance(250);
    const changes = poaChanges(engine.eventLog(0, 100)).map((e) => e.kind === 'ue-poa-change' && [e.timeSec, e.fromPoaId, e.toPoaId]);
    expect(changes.map((c) => c && c.slice(1))).toEqual([['poa-a', null], [null, 'poa-b'], ['poa-b', null], [null, 'poa-a']]);
    expect(engine.view.ues.get('ue-1')).toMatchObject({ poaId: 'poa-a', mecNodeId: 'node-1' });
  });

  it('gives a tie to the POA with the lower id', () => {
    const engine = createEngine(lineScenario({ ues: [{ id: 'ue-1', name: 'U', address: 'acr:10.0.0.1', path: [[0.005, 0]], speedMps: 0 }] }), 1);
    expect(engine.view.ues.get('ue-1')?.poaId).toBe('poa-a');
  });
});

describe('a point of access going down', () => {
  const twoUes = [
    { id: 'ue-near-a', name: 'A', address: 'acr:10.0.0.1', path: [[0.002, 0]], speedMps: 0 },
    { id: 'ue-far', name: 'F', address: 'acr:10.0.0.2', path: [[-0.005, 0]], speedMps: 0 },
    { id: 'ue-b', name: 'B', address: 'acr:10.0.0.3', path: [[0.01, 0]], speedMps: 0 },
  ];

  it('moves its UEs to another POA in range, or to none, and leaves the others alone; up again brings them back', () => {
    const engine = createEngine(lineScenario({ ues: twoUes, radiusM: 1000, events: [{ atSec: 10, kind: 'access-point-down', target: 'poa-a' }, { atSec: 20, kind: 'access-point-up', target: 'poa-a' }] }), 1);
    engine.advance(10);
    expect(engine.eventLog(0, 10).map((e) => [e.kind, 'ueId' in e ? e.ueId : '', 'toPoaId' in e ? e.toPoaId : ''])).toEqual([
      ['poa-state', '', ''], ['ue-poa-change', 'ue-near-a', 'poa-b'], ['ue-poa-change', 'ue-far', null],
    ]);
    expect(engine.view.poas.get('poa-a')?.up).toBe(false);
    expect(engine.view.ues.get('ue-near-a')).toMatchObject({ poaId: 'poa-b', mecNodeId: 'node-2' });
    expect(engine.view.ues.get('ue-far')).toMatchObject({ poaId: null, zoneId: null, mecNodeId: null });
    engine.advance(20);
    expect(engine.view.ues.get('ue-near-a')?.poaId).toBe('poa-a');
    expect(engine.view.ues.get('ue-far')?.poaId).toBe('poa-a');
    expect(engine.view.ues.get('ue-b')?.poaId).toBe('poa-b');
  });

  it('logs nothing when the POA is already in that state', () => {
    const engine = createEngine(lineScenario({ ues: twoUes }), 1);
    engine.inject({ kind: 'access-point-up', target: 'poa-a', params: {} });
    expect(engine.eventLog(0, 10)).toEqual([]);
  });
});

describe('scripted events', () => {
  it('apply at their own time (between ticks too), after the tick at the same time, in file order at equal times', () => {
    const engine = createEngine(lineScenario({
      events: [
        { atSec: 2.5, kind: 'set-ue-speed', target: 'ue-1', params: { speedMps: 20 } },
        { atSec: 3, kind: 'set-network', target: 'zone-a', params: { netChar: { latencyMs: 9 } } },
        { atSec: 3, kind: 'set-ue-speed', target: 'ue-1', params: { speedMps: 5 } },
      ],
    }), 1);
    const ticks: number[] = [];
    engine.onTick((t) => ticks.push(t));
    engine.advance(2.9);
    expect(engine.eventLog(0, 10).map((e) => [e.seq, e.timeSec, e.kind])).toEqual([[1, 2.5, 'ue-speed']]);
    expect(ticks).toEqual([1, 2]);
    engine.advance(3);
    expect(engine.eventLog(1, 10).map((e) => [e.seq, e.timeSec, e.kind])).toEqual([[2, 3, 'net-char'], [3, 3, 'ue-speed']]);
    expect(ticks).toEqual([1, 2, 3]);
    // The tick at 3 s moved the UE at 20 m/s (2 ticks at 10 m/s, then 1 at 20 m/s): 40 m.
    expect(haversineM([0, 0], engine.view.ues.get('ue-1')!.location)).toBeCloseTo(40, 0);
  });

  it('are refused at creation when they name nothing the scenario has', () => {
    expect(() => createEngine(lineScenario({ events: [{ atSec: 1, kind: 'access-point-down', target: 'poa-zz' }] }), 1)).toThrow(/events\[0\]\.target/);
    expect(() => createEngine(lineScenario({ events: [{ atSec: 1, kind: 'move-ue', target: 'ue-1', params: { to: 'north' } }] }), 1)).toThrow(/events\[0\]\.params/);
  });
});

describe('injected events', () => {
  it('apply at the current clock time and join the ordered log', () => {
    const engine = createEngine(lineScenario(), 1);
    engine.advance(12.5);
    engine.inject({ kind: 'move-ue', target: 'ue-1', params: { to: [0.01, 0] } });
    expect(engine.eventLog(0, 10)).toEqual([
      { seq: 1, timeSec: 12.5, kind: 'ue-teleported', ueId: 'ue-1', location: [0.01, 0] },
      { seq: 2, timeSec: 12.5, kind: 'ue-poa-change', ueId: 'ue-1', fromPoaId: 'poa-a', toPoaId: 'poa-b', fromZoneId: 'zone-a', toZoneId: 'zone-b' },
    ]);
    // Moved off its path: it stays where it was put.
    engine.advance(100);
    expect(engine.view.ues.get('ue-1')).toMatchObject({ location: [0.01, 0], moving: false });
  });

  it('come after the scripted events due by then', () => {
    const engine = createEngine(lineScenario({ events: [{ atSec: 0, kind: 'set-ue-speed', target: 'ue-1', params: { speedMps: 3 } }] }), 1);
    engine.inject({ kind: 'set-ue-speed', target: 'ue-1', params: { speedMps: 4 } });
    expect(engine.eventLog(0, 10).map((e) => e.kind === 'ue-speed' && e.speedMps)).toEqual([3, 4]);
  });

  it('change network characteristics of a zone (POAs follow, except what they set themselves) or of one POA', () => {
    const engine = createEngine(lineScenario(), 1);
    engine.inject({ kind: 'set-network', target: 'zone-b', params: { netChar: { latencyMs: 30, throughputDlMbps: 900 } } });
    expect(engine.view.zones.get('zone-b')?.netChar).toMatchObject({ latencyMs: 30, throughputDlMbps: 900 });
    expect(engine.view.poas.get('poa-b')?.netChar).toMatchObject({ latencyMs: 30, throughputDlMbps: 50 });
    engine.inject({ kind: 'set-network', target: 'poa-a', params: { netChar: { packetLossPct: 3 } } });
    expect(engine.view.poas.get('poa-a')?.netChar).toMatchObject({ latencyMs: 5, packetLossPct: 3 });
    expect(engine.view.zones.get('zone-a')?.netChar.packetLossPct).toBe(0);
    expect(engine.eventLog(0, 10).map((e) => e.kind === 'net-char' && [e.target, e.netChar.latencyMs, e.netChar.packetLossPct])).toEqual([['zone-b', 30, 0], ['poa-a', 5, 3]]);
  });

  it('are refused (validation) when the target or the params are wrong, and change nothing', () => {
    const engine = createEngine(lineScenario(), 1);
    const attempts = [
      { kind: 'move-ue', target: 'ue-9', params: { to: [0, 0] } },
      { kind: 'move-ue', target: 'ue-1', params: { to: [200, 0] } },
      { kind: 'set-ue-speed', target: 'poa-a', params: { speedMps: 1 } },
      { kind: 'access-point-down', target: 'ue-1', params: {} },
      { kind: 'set-network', target: 'zone-a', params: { netChar: {} } },
      { kind: 'set-ue-speed', target: 'ue-1', params: { speedMps: 1, extra: true } },
    ] as const;
    for (const attempt of attempts) {
      const error = (() => { try { engine.inject(attempt); } catch (e) { return e; } })();
      expect(error, JSON.stringify(attempt)).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('validation');
    }
    expect(engine.eventLog(0, 10)).toEqual([]);
    expect(engine.view.ues.get('ue-1')?.speedMps).toBe(10);
  });
});

describe('reset, paging and listeners', () => {
  it('reset brings the world back to t = 0 with the same seed, and the same run gives the same log again', () => {
    const engine = createEngine(lineScenario({ ueGroups: [{ idPrefix: 'g', count: 5, firstAddress: 'acr:10.0.1.1', paths: [[[0, 0], [0.02, 0]]], speedMps: [5, 15] }] }), 3);
    const initial = engine.snapshot();
    engine.advance(100);
    engine.inject({ kind: 'access-point-down', target: 'poa-b', params: {} });
    const hash = engine.eventLogSha256();
    engine.reset();
    expect(engine.snapshot()).toEqual(initial);
    expect(engine.eventLog(0, 10)).toEqual([]);
    expect(engine.eventLogSha256()).toBe(createEngine(engine.scenario, 3).eventLogSha256());
    engine.advance(100);
    engine.inject({ kind: 'access-point-down', target: 'poa-b', params: {} });
    expect(engine.eventLogSha256()).toBe(hash);
  });

  it('pages the log by sequence number', () => {
    const engine = createEngine(lineScenario({ radiusM: 300, ues: [{ id: 'ue-1', name: 'U', address: 'acr:10.0.0.1', path: [[0, 0], [0.01, 0]], speedMps: 10, eopMode: 'REVERSE' }] }), 1);
    engine.advance(250);
    expect(engine.eventLog(0, 100).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(engine.eventLog(1, 2).map((e) => e.seq)).toEqual([2, 3]);
    expect(engine.eventLog(4, 10)).toEqual([]);
  });

  it('tells listeners until they unsubscribe; ticks come once per tick', () => {
    const engine = createEngine(lineScenario(), 1);
    const seen: number[] = [];
    const ticks: number[] = [];
    const off = engine.onEvent((e) => seen.push(e.seq));
    engine.onTick((t) => ticks.push(t));
    engine.inject({ kind: 'set-ue-speed', target: 'ue-1', params: { speedMps: 1 } });
    off();
    engine.inject({ kind: 'set-ue-speed', target: 'ue-1', params: { speedMps: 2 } });
    engine.advance(3);
    expect(seen).toEqual([1]);
    expect(ticks).toEqual([1, 2, 3]);
  });

  it('refuses to go back in time', () => {
    const engine = createEngine(lineScenario(), 1);
    engine.advance(10);
    expect(() => engine.advance(5)).toThrow(/cannot go back/);
  });
});
