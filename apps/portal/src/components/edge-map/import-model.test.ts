import { describe, expect, it } from 'vitest';
import { formatOfFile, invalidRowsOf, placeOf } from './import-model';

describe('import model', () => {
  it('guesses the format from the file name', () => {
    expect(formatOfFile('Nodes.CSV')).toBe('csv');
    expect(formatOfFile('export.geojson')).toBe('geojson');
    expect(formatOfFile('nodes.json')).toBe('geojson');
    expect(formatOfFile('nodes.xlsx')).toBeNull();
  });

  it('reads the invalid rows of a refused import, and nothing from other problems', () => {
    const rows = [{ line: 3, field: 'latitude', message: 'Too big' }, { feature: 0, field: 'geometry', message: 'not a point' }];
    expect(invalidRowsOf({ type: 'urn:mecport:problem:validation', rows })).toEqual(rows);
    expect(invalidRowsOf({ type: 'urn:mecport:problem:validation', errors: [] })).toEqual([]);
    expect(invalidRowsOf(null)).toEqual([]);
    expect(placeOf(rows[0]!)).toEqual({ kind: 'line', n: 3 });
    expect(placeOf(rows[1]!)).toEqual({ kind: 'feature', n: 0 });
    expect(placeOf({ field: '(json)', message: 'x' })).toEqual({ kind: 'file', n: 0 });
  });
});
