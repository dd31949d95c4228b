/**
 * Turns an import file into candidate node rows, reporting every invalid one with its place:
 * CSV rows by line (the header is line 1), GeoJSON features by index. Pure: no database, so the
 * checks that need one (names in use, groups) are in node-import.ts.
 *
 * @example
 *   parseNodeImport('csv', 'name,latitude,longitude\nbj-1,39.9,116.4\n')
 *   // { rows: [{ place: { line: 2 }, row: { name: 'bj-1', latitude: 39.9, … } }], issues: [] }
 */
import { parse } from 'csv-parse/sync';
import {
  NODE_CSV_COLUMNS, NODE_CSV_REQUIRED, NODE_IMPORT_MAX_ROWS, ZLabelKey, ZLabelValue, ZNodeImportRow,
  type TNodeImportIssue, type TNodeImportRow,
} from '@mecport/contracts';
import type { z } from 'zod';

export type TImportPlace = { line: number } | { feature: number };
export interface TParsedRow { place: TImportPlace; row: TNodeImportRow }
export interface TParsedImport { rows: TParsedRow[]; issues: TNodeImportIssue[] }

const issueAt = (place: TImportPlace, field: string, message: string): TNodeImportIssue => ({ ...place, field, message });

/** `tier=gold;vendor=acme` -> { tier: 'gold', vendor: 'acme' }; a malformed pair is an error message. */
export function parseLabelText(text: string): { labels: Record<string, string> } | { error: string } {
  const labels: Record<string, string> = {};
  for (const pair of text.split(';').map((p) => p.trim()).filter(Boolean)) {
    const at = pair.indexOf('=');
    const key = at < 0 ? pair : pair.slice(0, at).trim();
    const value = at < 0 ? undefined : pair.slice(at + 1).trim();
    if (value === undefined || !ZLabelKey.safeParse(key).success || !ZLabelValue.safeParse(value).success) {
      return { error: `"${pair}" is not key=value (keys: lower-case letters, digits, . / -; values: letters, digits, . _ -)` };
    }
    labels[key] = value;
  }
  return { labels };
}

/** zod issues of one row, each named by its field (CSV column, or GeoJSON property path). */
function zodIssues(place: TImportPlace, error: z.ZodError, fieldName: (path: string) => string): TNodeImportIssue[] {
  return error.issues.map((i) => issueAt(place, fieldName(i.path.map(String).join('.') || '(row)'), i.message));
}

function numberOrRaw(text: string | undefined): unknown {
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

function csvRecord(header: string[], values: string[], line: number): TParsedRow | TNodeImportIssue[] {
  const place = { line };
  if (values.length !== header.length) return [issueAt(place, '(row)', `expected ${header.length} fields, found ${values.length}`)];
  const cells = Object.fromEntries(header.map((h, i) => [h, values[i] ?? '']));
  const labels = parseLabelText(cells.labels ?? '');
  if ('error' in labels) return [issueAt(place, 'labels', labels.error)];
  const input = { ...cells, latitude: numberOrRaw(cells.latitude), longitude: numberOrRaw(cells.longitude), labels: labels.labels };
  const parsed = ZNodeImportRow.safeParse(input);
  return parsed.success ? { place, row: parsed.data } : zodIssues(place, parsed.error, (p) => p.split('.')[0]!);
}

function csvHeaderIssues(header: string[]): TNodeImportIssue[] {
  const place = { line: 1 };
  const known = new Set<string>(NODE_CSV_COLUMNS);
  return [
    ...header.filter((h) => !known.has(h)).map((h) => issueAt(place, h, `unknown column; the columns are ${NODE_CSV_COLUMNS.join(', ')}`)),
    ...NODE_CSV_REQUIRED.filter((c) => !header.includes(c)).map((c) => issueAt(place, c, 'required column missing from the header')),
    ...header.filter((h, i) => header.indexOf(h) !== i).map((h) => issueAt(place, h, 'column named twice')),
  ];
}

export function parseNodeCsv(content: string): TParsedImport {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return { rows: [], issues: [issueAt({ line: line && line > 0 ? line : 1 }, '(csv)', (e as Error).message)] };
  }
  const [head, ...body] = records;
  if (!head) return { rows: [], issues: [issueAt({ line: 1 }, '(csv)', 'the file is empty: a header line is required')] };
  const header = head.record.map((h) => h.toLowerCase());
  const headerIssues = csvHeaderIssues(header);
  if (headerIssues.length > 0) return { rows: [], issues: headerIssues };
  if (body.length > NODE_IMPORT_MAX_ROWS) return { rows: [], issues: [issueAt({ line: 1 }, '(csv)', `at most ${NODE_IMPORT_MAX_ROWS} nodes per import, the file has ${body.length}`)] };
  return collect(body.map(({ record, info }) => csvRecord(header, record, info.lines)));
}

function collect(results: (TParsedRow | TNodeImportIssue[])[]): TParsedImport {
  const out: TParsedImport = { rows: [], issues: [] };
  for (const r of results) {
    if (Array.isArray(r)) out.issues.push(...r);
    else out.rows.push(r);
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function geoFeature(feature: unknown, index: number): TParsedRow | TNodeImportIssue[] {
  const place = { feature: index };
  if (!isObject(feature) || feature.type !== 'Feature') return [issueAt(place, 'type', 'must be a GeoJSON Feature')];
  const geometry = feature.geometry;
  const coordinates = isObject(geometry) && geometry.type === 'Point' ? geometry.coordinates : undefined;
  if (!Array.isArray(coordinates) || coordinates.length < 2 || !coordinates.slice(0, 2).every((c) => typeof c === 'number')) {
    return [issueAt(place, 'geometry', 'must be a Point with [longitude, latitude]')];
  }
  const properties = isObject(feature.properties) ? feature.properties : {};
  let labels = properties.labels ?? {};
  if (typeof labels === 'string') {
    const parsed = parseLabelText(labels);
    if ('error' in parsed) return [issueAt(place, 'properties.labels', parsed.error)];
    labels = parsed.labels;
  }
  const [longitude, latitude] = coordinates as [number, number];
  const parsed = ZNodeImportRow.safeParse({ ...properties, latitude, longitude, labels, group: properties.group ?? '' });
  if (parsed.success) return { place, row: parsed.data };
  return zodIssues(place, parsed.error, (p) => (p.startsWith('latitude') || p.startsWith('longitude') ? 'geometry.coordinates' : `properties.${p}`));
}

export function parseNodeGeoJson(content: string): TParsedImport {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch (e) {
    return { rows: [], issues: [{ field: '(json)', message: `not valid JSON: ${(e as Error).message}` }] };
  }
  if (!isObject(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    return { rows: [], issues: [{ field: 'type', message: 'must be a GeoJSON FeatureCollection with a features array' }] };
  }
  if (doc.features.length > NODE_IMPORT_MAX_ROWS) {
    return { rows: [], issues: [{ field: 'features', message: `at most ${NODE_IMPORT_MAX_ROWS} nodes per import, the file has ${doc.features.length}` }] };
  }
  return collect(doc.features.map(geoFeature));
}

export function parseNodeImport(format: 'csv' | 'geojson', content: string): TParsedImport {
  return format === 'csv' ? parseNodeCsv(content) : parseNodeGeoJson(content);
}
