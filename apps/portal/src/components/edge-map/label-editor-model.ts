/**
 * The labels editor's model: an ordered list of key/value rows (what the operator edits) to and
 * from the API's `{ key: value }` labels, with the contract's rules checked per row. Pure.
 *
 * @example
 *   rowsToLabels([{ key: 'tier', value: 'gold' }, { key: '', value: '' }])
 *   // { labels: { tier: 'gold' }, errors: [] }   (blank rows are ignored)
 */
import { ZLabelKey, ZLabelValue, type TLabels } from '@mecport/contracts';

export interface TLabelRow { key: string; value: string }
export type TLabelRowError = { row: number; part: 'key' | 'value'; code: 'invalidKey' | 'invalidValue' | 'duplicateKey' | 'tooMany' };

export const MAX_LABELS = 32;

export function labelsToRows(labels: TLabels): TLabelRow[] {
  return Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => ({ key, value }));
}

export function rowsToLabels(rows: readonly TLabelRow[]): { labels: TLabels; errors: TLabelRowError[] } {
  const labels: TLabels = {};
  const errors: TLabelRowError[] = [];
  const firstRowOfKey = new Map<string, number>();
  rows.forEach((r, row) => {
    const key = r.key.trim();
    const value = r.value.trim();
    if (key === '' && value === '') return;
    if (!ZLabelKey.safeParse(key).success) errors.push({ row, part: 'key', code: 'invalidKey' });
    else if (firstRowOfKey.has(key)) errors.push({ row, part: 'key', code: 'duplicateKey' });
    if (!ZLabelValue.safeParse(value).success) errors.push({ row, part: 'value', code: 'invalidValue' });
    if (!firstRowOfKey.has(key)) firstRowOfKey.set(key, row);
    labels[key] = value;
  });
  if (Object.keys(labels).length > MAX_LABELS) errors.push({ row: rows.length - 1, part: 'key', code: 'tooMany' });
  return { labels, errors };
}
