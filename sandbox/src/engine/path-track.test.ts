import CheapRuler from 'cheap-ruler';
import { describe, expect, it } from 'vitest';
import { createEngine } from './create-engine';
import { alongPath, PathTrack } from './path-track';
import { haversineM, lineScenario } from './scenario-fixtures';

describe('alongPath (end-of-path modes)', () => {
  it('LOOP starts over from the first point', () => {
    expect(alongPath(130, 100, 'LOOP')).toEqual({ alongM: 30, ended: false });
  });
  it('REVERSE walks back, then forth again', () => {
    expect(alongPath(130, 100, 'REVERSE')).toEqual({ alongM: 70, ended: false });
    expect(alongPath(230, 100, 'REVERSE')).toEqual({ alongM: 30, ended: false });
  });
  it('STOP stays at the last point', () => {
    expect(alongPath(99, 100, 'STOP')).toEqual({ alongM: 99, ended: false });
    expect(alongPath(130, 100, 'STOP')).toEqual({ alongM: 100, ended: true });
  });
});

describe('PathTrack', () => {
  const ruler = new CheapRuler(0, 'meters');
  const track = new PathTrack(ruler, [[0, 0], [0.001, 0], [0.001, 0.001]]);

  it('measures the path and finds points along it, across segments', () => {
    expect(track.lengthM).toBeCloseTo(haversineM([0, 0], [0.001, 0]) + haversineM([0.001, 0], [0.001, 0.001]), -1);
    const firstM = new PathTrack(ruler, [[0, 0], [0.001, 0]]).lengthM;
    expect(track.pointAt(firstM / 2)).toEqual([0.0005, 0]);
    const onSecond = track.pointAt(track.lengthM * 0.75);
    expect(onSecond[0]).toBeCloseTo(0.001, 9);
    expect(onSecond[1]).toBeGreaterThan(0.0004);
    expect(track.pointAt(-5)).toEqual([0, 0]);
    expect(track.pointAt(1e9)).toEqual([0.001, 0.001]);
  });
});

describe('UEs move by their eopMode in the engine', () => {
  // A 1,113 m path at 100 m/s: the end is reached between 11 and 12 s.
  const ue = (eopMode: string) => ({ id: 'ue-1', name: 'U', address: 'acr:10.0.0.1', path: [[0, 0], [0.01, 0]], speedMps: 100, eopMode });

  it('STOP: at the last point, no longer moving', () => {
    const engine = createEngine(lineScenario({ ues: [ue('STOP')] }), 1);
    engine.advance(20);
    expect(engine.view.ues.get('ue-1')).toMatchObject({ location: [0.01, 0], moving: false, speedMps: 100 });
  });

  it('REVERSE: on the way back after the end', () => {
    const engine = createEngine(lineScenario({ ues: [ue('REVERSE')] }), 1);
    engine.advance(15);
    const at = engine.view.ues.get('ue-1')!;
    expect(haversineM([0.01, 0], at.location)).toBeCloseTo(1500 - haversineM([0, 0], [0.01, 0]), -1);
    expect(at.moving).toBe(true);
  });

  it('LOOP: from the first point again after the end', () => {
    const engine = createEngine(lineScenario({ ues: [ue('LOOP')] }), 1);
    engine.advance(15);
    expect(haversineM([0, 0], engine.view.ues.get('ue-1')!.location)).toBeCloseTo(1500 - haversineM([0, 0], [0.01, 0]), -1);
  });

  it('a UE with speed 0, or on a one-point path, stands still', () => {
    const engine = createEngine(lineScenario({ ues: [{ ...ue('LOOP'), speedMps: 0 }, { ...ue('LOOP'), id: 'ue-2', address: 'acr:10.0.0.2', path: [[0.003, 0]] }] }), 1);
    engine.advance(15);
    expect(engine.view.ues.get('ue-1')).toMatchObject({ location: [0, 0], moving: false });
    expect(engine.view.ues.get('ue-2')).toMatchObject({ location: [0.003, 0], moving: false });
  });
});
