/**
 * The import dialog's helpers: the format a file name suggests, and the invalid rows a refused
 * import lists in its problem's `rows` extension. Pure, so it is unit-tested.
 *
 * @example
 *   formatOfFile('nodes.geojson')   // 'geojson'
 *   invalidRowsOf({ rows: [{ line: 3, field: 'latitude', message: '…' }] })   // [{ line: 3, … }]
 */
import { ZNodeImportIssue, type TNodeImportIssue } from '@mecport/contracts';

export type TImportFormat = 'csv' | 'geojson';

export function formatOfFile(name: string): TImportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
  return null;
}

export function invalidRowsOf(problemBody: unknown): TNodeImportIssue[] {
  const rows = problemBody && typeof problemBody === 'object' ? (problemBody as { rows?: unknown }).rows : undefined;
  const parsed = ZNodeImportIssue.array().safeParse(rows);
  return parsed.success ? parsed.data : [];
}

/** "line 3" / "feature 2" / "" for where an issue is. */
export function placeOf(issue: TNodeImportIssue): { kind: 'line' | 'feature' | 'file'; n: number } {
  if (issue.line !== undefined) return { kind: 'line', n: issue.line };
  if (issue.feature !== undefined) return { kind: 'feature', n: issue.feature };
  return { kind: 'file', n: 0 };
}

export const CSV_TEMPLATE = 'name,latitude,longitude,address,province,city,district,group,labels\nsz-nanshan-02,22.5333,113.9305,科技园南区 2 号,广东省,深圳,南山区,cn-south,tier=gold;site=campus\n';
