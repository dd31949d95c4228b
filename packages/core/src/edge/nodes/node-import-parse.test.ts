import { describe, expect, it } from 'vitest';
import { parseLabelText, parseNodeCsv, parseNodeGeoJson } from './node-import-parse';

const HEADER = 'name,latitude,longitude,address,province,city,district,group,labels';

describe('parseLabelText', () => {
  it('reads k=v pairs separated by semicolons and refuses malformed ones', () => {
    expect(parseLabelText('tier=gold; vendor=acme;')).toEqual({ labels: { tier: 'gold', vendor: 'acme' } });
    expect(parseLabelText('')).toEqual({ labels: {} });
    expect(parseLabelText('tier')).toHaveProperty('error');
    expect(parseLabelText('Tier=gold')).toHaveProperty('error');
    expect(parseLabelText('tier=gold=x')).toHaveProperty('error');
  });
});

describe('parseNodeCsv', () => {
  it('reads every column, with quoted commas, Chinese text and a BOM', () => {
    const csv = `\uFEFF${HEADER}\nbj-01,39.9042,116.4074,"1 Chang\'an Ave, Dongcheng",北京市,北京,东城区,north,tier=gold;vendor=acme\n`;
    const { rows, issues } = parseNodeCsv(csv);
    expect(issues).toEqual([]);
    expect(rows).toEqual([{
      place: { line: 2 },
      row: { name: 'bj-01', latitude: 39.9042, longitude: 116.4074, address: "1 Chang'an Ave, Dongcheng", province: '北京市', city: '北京', district: '东城区', group: 'north', labels: { tier: 'gold', vendor: 'acme' } },
    }]);
  });

  it('needs only name, latitude and longitude, in any order', () => {
    const { rows, issues } = parseNodeCsv('longitude,name,latitude\n2.35,paris-1,48.86\n');
    expect(issues).toEqual([]);
    expect(rows[0]!.row).toMatchObject({ name: 'paris-1', latitude: 48.86, longitude: 2.35, group: '', labels: {} });
  });

  it('reports every bad row with its line and field, and keeps the good ones apart', () => {
    const csv = [HEADER, 'ok-1,10,20,,,,,,', 'bad-lat,95,20,,,,,,', ',10,20,,,,,,', 'bad-lng,10,east,,,,,,', 'bad-labels,10,20,,,,,,tier', 'short,10'].join('\n');
    const { rows, issues } = parseNodeCsv(csv);
    expect(rows.map((r) => r.row.name)).toEqual(['ok-1']);
    expect(issues.map((i) => [i.line, i.field])).toEqual([[3, 'latitude'], [4, 'name'], [5, 'longitude'], [6, 'labels'], [7, '(row)']]);
  });

  it('refuses unknown or missing header columns on line 1', () => {
    const { rows, issues } = parseNodeCsv('name,lat,longitude\nx,1,2\n');
    expect(rows).toEqual([]);
    expect(issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ line: 1, field: 'lat' }),
      expect.objectContaining({ line: 1, field: 'latitude', message: expect.stringContaining('required') }),
    ]));
  });

  it('reports an unclosed quote as a CSV error at its line', () => {
    const { issues } = parseNodeCsv(`${HEADER}\nok,1,2,,,,,,\n"broken,1,2,,,,,,\n`);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field: '(csv)' });
    expect(issues[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('says an empty file needs a header', () => {
    expect(parseNodeCsv('\n').issues[0]).toMatchObject({ line: 1, field: '(csv)' });
  });
});

describe('parseNodeGeoJson', () => {
  const feature = (coordinates: unknown, properties: Record<string, unknown>) => ({ type: 'Feature', geometry: { type: 'Point', coordinates }, properties });

  it('takes coordinates from the geometry ([lng, lat]) and labels as an object or as text', () => {
    const doc = { type: 'FeatureCollection', features: [feature([11.58, 48.14], { name: 'muc-1', city: 'München', labels: { tier: 'gold' } }), feature([13.4, 52.52], { name: 'ber-1', labels: 'tier=silver' })] };
    const { rows, issues } = parseNodeGeoJson(JSON.stringify(doc));
    expect(issues).toEqual([]);
    expect(rows.map((r) => [r.place, r.row.name, r.row.latitude, r.row.longitude, r.row.labels])).toEqual([
      [{ feature: 0 }, 'muc-1', 48.14, 11.58, { tier: 'gold' }],
      [{ feature: 1 }, 'ber-1', 52.52, 13.4, { tier: 'silver' }],
    ]);
  });

  it('reads its own export back (extra properties such as id and status are ignored)', () => {
    const exported = { type: 'FeatureCollection', features: [{ ...feature([2.35, 48.86], { id: '3b0d1f5e-8a59-4c43-9a4c-7d0d2b7f0c11', name: 'par-1', status: 'online', group: 'west', capacity: { architecture: 'x86_64', cpuCores: 8, memoryMb: 16384, gpus: 0, npus: 0 }, dataPlane: { adapter: 'memory', settings: {} } }), id: 'x' }] };
    const { rows, issues } = parseNodeGeoJson(JSON.stringify(exported));
    expect(issues).toEqual([]);
    expect(rows[0]!.row).toMatchObject({ name: 'par-1', group: 'west', capacity: { cpuCores: 8 } });
  });

  it('names the feature index and the property path of each problem', () => {
    const doc = { type: 'FeatureCollection', features: [feature([200, 10], { name: 'far' }), { type: 'Feature', geometry: { type: 'LineString', coordinates: [] } }, feature([1, 2], { name: '' })] };
    const { rows, issues } = parseNodeGeoJson(JSON.stringify(doc));
    expect(rows).toEqual([]);
    expect(issues.map((i) => [i.feature, i.field])).toEqual([[0, 'geometry.coordinates'], [1, 'geometry'], [2, 'properties.name']]);
  });

  it('refuses what is not a FeatureCollection, or not JSON', () => {
    expect(parseNodeGeoJson('{"type":"Feature"}').issues[0]!.field).toBe('type');
    expect(parseNodeGeoJson('{nope').issues[0]!.field).toBe('(json)');
  });
});
