import { describe, expect, it } from 'vitest';
import { labelsToRows, MAX_LABELS, rowsToLabels } from './label-editor-model';

describe('label editor model', () => {
  it('turns labels into sorted rows and back', () => {
    const rows = labelsToRows({ tier: 'gold', site: 'campus' });
    expect(rows).toEqual([{ key: 'site', value: 'campus' }, { key: 'tier', value: 'gold' }]);
    expect(rowsToLabels(rows)).toEqual({ labels: { site: 'campus', tier: 'gold' }, errors: [] });
  });

  it('ignores blank rows, trims, and accepts an empty value', () => {
    expect(rowsToLabels([{ key: ' tier ', value: ' gold ' }, { key: '', value: '' }, { key: 'canary', value: '' }])).toEqual({ labels: { tier: 'gold', canary: '' }, errors: [] });
  });

  it('marks bad keys, bad values and a key used twice on their rows', () => {
    const { errors } = rowsToLabels([{ key: 'Tier', value: 'gold' }, { key: 'site', value: 'a b' }, { key: 'zone', value: 'x' }, { key: 'zone', value: 'y' }, { key: '', value: 'orphan' }]);
    expect(errors).toEqual([
      { row: 0, part: 'key', code: 'invalidKey' },
      { row: 1, part: 'value', code: 'invalidValue' },
      { row: 3, part: 'key', code: 'duplicateKey' },
      { row: 4, part: 'key', code: 'invalidKey' },
    ]);
  });

  it('refuses more labels than the API allows', () => {
    const rows = Array.from({ length: MAX_LABELS + 1 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect(rowsToLabels(rows).errors).toEqual([{ row: MAX_LABELS, part: 'key', code: 'tooMany' }]);
  });
});
