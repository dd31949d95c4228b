import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { resolveScenario } from './resolve-scenario';
import { ScenarioError } from './scenario-error';

const GEO = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', id: 'ap-1', properties: {}, geometry: { type: 'Point', coordinates: [7.42, 43.73] } },
    { type: 'Feature', properties: { id: 'ap-2' }, geometry: { type: 'Point', coordinates: [7.43, 43.73] } },
    { type: 'Feature', id: 'node', properties: {}, geometry: { type: 'Point', coordinates: [7.425, 43.735] } },
    { type: 'Feature', id: 'walk', properties: {}, geometry: { type: 'LineString', coordinates: [[7.42, 43.73], [7.43, 43.73]] } },
    { type: 'Feature', id: 'desk', properties: {}, geometry: { type: 'Point', coordinates: [7.421, 43.731] } },
    { type: 'Feature', id: 'zone-a', properties: {}, geometry: { type: 'Polygon', coordinates: [[[7.41, 43.72], [7.44, 43.72], [7.44, 43.74], [7.41, 43.72]]] } },
  ],
};

const YAML_TEXT = `
id: tiny
name: { en: Tiny, zh-CN: 小 }
description: { en: A tiny scenario, zh-CN: 一个小场景 }
geo: tiny.geojson
durationSec: 60
view: { center: node, zoom: 15 }
domains:
  - id: op
    name: Operator
    type: OPERATOR-CELLULAR
    mcc: '208'
    mnc: '01'
    zones:
      - id: zone-a
        name: A
        outline: zone-a
        pointsOfAccess:
          - { id: ap-1, name: AP 1, type: POA-WIFI, radiusM: 100, cellId: '0000001' }
          - { id: poa-2, feature: ap-2, name: AP 2, type: POA-5G, radiusM: 300, cellId: '000000002', netChar: { latencyMs: 3 } }
mecNodes:
  - { id: node, name: Node, zoneIds: [zone-a] }
ues:
  - { id: ue-1, name: Walker, address: 'acr:10.0.0.1', path: walk, speedMps: 1.2 }
  - { id: ue-2, name: Desk, address: 'acr:10.0.0.2', path: desk, speedMps: 0 }
ueGroups:
  - { idPrefix: g, count: 3, firstAddress: 'acr:10.0.1.1', paths: [walk], speedMps: [1, 2] }
events:
  - { atSec: 30, kind: access-point-down, target: ap-1 }
  - { atSec: 40, kind: move-ue, target: g-2, params: { to: [7.42, 43.73] } }
`;

const names = { file: 'tiny.yaml', geoName: 'tiny.geojson' };
/** The YAML with values set (or deleted, for `undefined`) at paths: `[['ues', 0, 'path'], 'walk']`. */
const edit = (...changes: [(string | number)[], unknown][]) => {
  const doc = YAML.parseDocument(YAML_TEXT);
  for (const [at, value] of changes) {
    if (value === undefined) doc.deleteIn(at); else doc.setIn(at, doc.createNode(value));
  }
  return doc.toJS() as unknown;
};
function issuesOf(raw: unknown, geo: unknown = GEO): string[] {
  try {
    resolveScenario(raw, geo, names);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).message.split('\n');
  }
  throw new Error('expected the scenario to be refused');
}

describe('resolveScenario', () => {
  it('resolves features by id (or properties.id, or a named feature) into coordinates', () => {
    const scenario = resolveScenario(YAML.parse(YAML_TEXT), GEO, names);
    const [poa1, poa2] = scenario.domains[0]!.zones[0]!.pointsOfAccess;
    expect(poa1!.location).toEqual([7.42, 43.73]);
    expect(poa2!.location).toEqual([7.43, 43.73]);
    expect(poa2!.netChar).toEqual({ latencyMs: 3 });
    expect(scenario.domains[0]!.zones[0]!.outline).toHaveLength(4);
    expect(scenario.mecNodes[0]!.location).toEqual([7.425, 43.735]);
    expect(scenario.view.center).toEqual([7.425, 43.735]);
    expect(scenario.ues[0]!.path).toEqual([[7.42, 43.73], [7.43, 43.73]]);
    expect(scenario.ues[1]!.path).toEqual([[7.421, 43.731]]);
    expect(scenario.ueGroups[0]!.paths).toEqual([[[7.42, 43.73], [7.43, 43.73]]]);
    expect(scenario.tickSec).toBe(1);
    expect(scenario).not.toHaveProperty('geo');
  });

  it('names the file and the field of a missing or mistyped feature', () => {
    expect(issuesOf(edit([['domains', 0, 'zones', 0, 'pointsOfAccess', 1, 'feature'], 'ap-9']))).toEqual([
      'tiny.yaml: domains[0].zones[0].pointsOfAccess[1].feature: no feature "ap-9" in tiny.geojson',
    ]);
    expect(issuesOf(edit([['ues', 0, 'path'], 'zone-a'], [['ueGroups', 0, 'paths'], ['desk']]))).toEqual([
      'tiny.yaml: ues[0].path: feature "zone-a" in tiny.geojson is a Polygon, expected a LineString or a Point',
      'tiny.yaml: ueGroups[0].paths[0]: feature "desk" in tiny.geojson is a Point, expected a LineString',
    ]);
  });

  it('names the field the schema refuses', () => {
    expect(issuesOf(edit([['domains', 0, 'zones', 0, 'pointsOfAccess', 0, 'type'], 'POA-6G']))[0]).toMatch(/^tiny\.yaml: domains\[0\]\.zones\[0\]\.pointsOfAccess\[0\]\.type: /);
    expect(issuesOf(edit([['ues', 0, 'address'], '10.0.0.1']))[0]).toMatch(/^tiny\.yaml: ues\[0\]\.address: /);
    expect(issuesOf(edit([['geo'], undefined]))[0]).toMatch(/^tiny\.yaml: geo: /);
  });

  it('names fields the model does not have (a typo would be lost otherwise)', () => {
    expect(issuesOf(edit([['domains', 0, 'zones', 0, 'pointsOfAccess', 0, 'radiusm'], 90], [['ues', 1, 'netChar'], {}], [['view', 'centre'], [0, 0]]))).toEqual([
      'tiny.yaml: view.centre: unknown field',
      'tiny.yaml: domains[0].zones[0].pointsOfAccess[0].radiusm: unknown field',
      'tiny.yaml: ues[1].netChar: unknown field',
    ]);
  });

  it('names references that do not hold', () => {
    expect(issuesOf(edit([['mecNodes', 0, 'zoneIds'], ['zone-z']]))).toEqual(['tiny.yaml: mecNodes[0].zoneIds[0]: no zone "zone-z"']);
    expect(issuesOf(edit([['events', 0, 'target'], 'ap-7']))).toEqual(['tiny.yaml: events[0].target: no point of access "ap-7"']);
    expect(issuesOf(edit([['events', 1, 'target'], 'g-4']))).toEqual(['tiny.yaml: events[1].target: no UE "g-4"']);
    expect(issuesOf(edit([['events', 1, 'params'], { to: 'there' }]))[0]).toMatch(/^tiny\.yaml: events\[1\]\.params\.to: /);
    expect(issuesOf(edit([['ues', 1, 'address'], 'acr:10.0.0.1']))).toEqual(['tiny.yaml: ues[1].address: address "acr:10.0.0.1" appears twice']);
    expect(issuesOf(edit([['ueGroups', 0, 'firstAddress'], 'acr:10.0.0.2']))).toEqual(['tiny.yaml: ueGroups[0].firstAddress: address "acr:10.0.0.2" appears twice']);
    expect(issuesOf(edit([['domains', 0, 'zones', 0, 'pointsOfAccess', 1, 'id'], 'zone-a']))).toEqual(['tiny.yaml: domains[0].zones[0].pointsOfAccess[1].id: zone or point of access "zone-a" appears twice']);
  });

  it('names problems of the GeoJSON file in that file', () => {
    const noId = { ...GEO, features: [...GEO.features, { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } }] };
    expect(issuesOf(YAML.parse(YAML_TEXT), noId)).toEqual(['tiny.geojson: features[6]: a feature needs an id (or properties.id)']);
    const badPoint = { ...GEO, features: [{ ...GEO.features[0], geometry: { type: 'Point', coordinates: [500, 0] } }] };
    expect(issuesOf(YAML.parse(YAML_TEXT), badPoint)[0]).toMatch(/^tiny\.geojson: features\[0\]\.geometry/);
  });
});
