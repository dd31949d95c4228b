import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZScenario } from '@mecport/contracts/sandbox';
import { createEngine } from '../engine/create-engine';
import { loadScenarioFile } from './load-scenario';
import { listScenarios, loadScenario, SCENARIOS_DIR } from './scenario-catalog';

describe('the shipped scenarios', () => {
  it('all load and validate, in both languages, each with a scripted event', async () => {
    const list = await listScenarios();
    expect(list.map((s) => s.id)).toEqual(expect.arrayContaining(['campus', 'highway', 'city-centre', 'two-nodes', 'bench-1000']));
    for (const summary of list) {
      const scenario = await loadScenario(summary.id);
      expect(ZScenario.parse(scenario)).toEqual(scenario);
      expect(summary.eventCount, summary.id).toBeGreaterThan(0);
      expect(scenario.name['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(scenario.description['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(() => createEngine(scenario, scenario.defaultSeed), summary.id).not.toThrow();
    }
  });

  it('fit their briefs', async () => {
    const byId = new Map((await listScenarios()).map((s) => [s.id, s]));
    expect(byId.get('campus')!.ueCount).toBeGreaterThanOrEqual(20);
    expect(byId.get('city-centre')!.ueCount).toBeGreaterThanOrEqual(50);
    expect((await loadScenario('city-centre')).ueGroups.length).toBeGreaterThan(0);
    expect(byId.get('two-nodes')!.mecNodeCount).toBe(2);
    expect(byId.get('bench-1000')!.ueCount).toBe(1000);
    expect(byId.get('bench-1000')!.description.en).toMatch(/load/);
    const highway = await loadScenario('highway');
    for (const speed of [...highway.ues.map((u) => u.speedMps), ...highway.ueGroups.flatMap((g) => g.speedMps)]) {
      expect(speed).toBeGreaterThanOrEqual(25);
      expect(speed).toBeLessThanOrEqual(35);
    }
  });

  it('two-nodes: the commuter moves from the Futian node to the Luohu node at 165 s, as its description says', async () => {
    const scenario = await loadScenario('two-nodes');
    expect(scenario.description.en).toContain('t = 165 s');
    const engine = createEngine(scenario, scenario.defaultSeed);
    engine.advance(scenario.durationSec);
    const nodeOfZone = new Map(scenario.mecNodes.flatMap((n) => n.zoneIds.map((z) => [z, n.id])));
    const crossings = engine.eventLog(0, 10_000).flatMap((e) => (e.kind === 'ue-poa-change' && e.ueId === 'ue-commuter' && nodeOfZone.get(e.fromZoneId ?? '') !== nodeOfZone.get(e.toZoneId ?? '') ? [e] : []));
    expect(crossings[0]).toMatchObject({ timeSec: 165, fromPoaId: 'nr-cbd', toPoaId: 'nr-hqb', fromZoneId: 'zone-futian-cbd', toZoneId: 'zone-huaqiangbei' });
  });

  it('an unknown id is not found; a missing file is named', async () => {
    await expect(loadScenario('no-such-scenario')).rejects.toMatchObject({ code: 'not-found' });
    await expect(loadScenario('../campus')).rejects.toMatchObject({ code: 'not-found' });
    await expect(loadScenarioFile(path.join(SCENARIOS_DIR, 'nothing.yaml'))).rejects.toThrow('nothing.yaml: no such file');
  });

  it('a YAML syntax error names the file and the line; a missing GeoJSON file is named', async () => {
    const fixtures = path.join(import.meta.dirname, 'test-fixtures');
    await expect(loadScenarioFile(path.join(fixtures, 'broken-syntax.yaml'))).rejects.toThrow(/^broken-syntax\.yaml: line \d+: /);
    await expect(loadScenarioFile(path.join(fixtures, 'missing-geo.yaml'))).rejects.toThrow('nowhere.geojson: no such file');
  });
});
