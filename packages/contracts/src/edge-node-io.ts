/**
 * Node import and export (`POST /api/v1/edge/nodes/import`, `GET /api/v1/edge/nodes/export`):
 * CSV with the columns of NODE_CSV_COLUMNS, or a GeoJSON FeatureCollection of Points whose
 * properties carry the same fields. Import is all-or-nothing; every invalid row is reported.
 *
 * @example
 *   POST /api/v1/edge/nodes/import
 *   { "format": "csv", "dryRun": true,
 *     "content": "name,latitude,longitude,group,labels\nsz-01,22.54,114.06,south,tier=gold;vendor=x\n" }
 */
import { z } from 'zod';
import { ZNodeCapacity } from './edge-channel';
import { ZDataPlane, ZLabels, ZNodeStatus, ZNodeWrite } from './edge-node';
import { ZNodeRuntime } from './container-runtime';

/**
 * The import request's largest body (10 MB: below the 10 MiB a Next.js proxy buffers, so the 413
 * comes from the declared length, never from a cut body), and the most nodes one import may carry.
 */
export const NODE_IMPORT_MAX_BODY_BYTES = 10_000_000;
export const NODE_IMPORT_MAX_CHARS = NODE_IMPORT_MAX_BODY_BYTES;
export const NODE_IMPORT_MAX_ROWS = 20_000;
/** The CSV header; `name`, `latitude` and `longitude` are required, the others may be left out. */
export const NODE_CSV_COLUMNS = ['name', 'latitude', 'longitude', 'address', 'province', 'city', 'district', 'group', 'labels'] as const;
export const NODE_CSV_REQUIRED = ['name', 'latitude', 'longitude'] as const;
export const NODE_IMPORT_FORMATS = ['csv', 'geojson'] as const;

export const ZNodeImportRequest = z
  .object({
    format: z.enum(NODE_IMPORT_FORMATS),
    content: z.string().min(1).max(NODE_IMPORT_MAX_CHARS).describe('The CSV text or the GeoJSON document as a string'),
    dryRun: z.boolean().default(false).describe('Validate and report what would change, write nothing'),
    onExisting: z.enum(['fail', 'update']).default('fail').describe('A row whose name is already a node of the tenant: an error (fail) or an update of that node'),
  })
  .meta({ id: 'NodeImportRequest' });
export type TNodeImportRequest = z.infer<typeof ZNodeImportRequest>;

/** One node of an import after CSV/GeoJSON parsing; `group` is a node group's name (created when missing). */
export const ZNodeImportRow = z.object({
  name: ZNodeWrite.shape.name,
  latitude: ZNodeWrite.shape.latitude,
  longitude: ZNodeWrite.shape.longitude,
  address: z.string().trim().max(300).default(''),
  province: z.string().trim().max(60).default(''),
  city: z.string().trim().max(60).default(''),
  district: z.string().trim().max(60).default(''),
  group: z.string().trim().max(80).default(''),
  labels: ZLabels.default({}),
  capacity: ZNodeCapacity.nullable().optional(),
  dataPlane: ZDataPlane.optional(),
  runtime: ZNodeRuntime.optional(),
});
export type TNodeImportRow = z.infer<typeof ZNodeImportRow>;

/** Where an import went wrong: the CSV line (1 = header) or the GeoJSON feature index (0-based), and the field. */
/** Stable codes of import issues the portal words in the reader's language (`message` stays the English text). */
export const NODE_IMPORT_ISSUE_CODES = ['name-exists', 'name-repeated'] as const;

export const ZNodeImportIssue = z.object({
  line: z.number().int().min(1).optional(),
  feature: z.number().int().min(0).optional(),
  field: z.string(),
  message: z.string(),
  code: z.enum(NODE_IMPORT_ISSUE_CODES).optional().describe('name-exists: a node of the tenant has this name (import with onExisting "update" to change it); name-repeated: the file names it twice'),
  value: z.string().optional().describe('The offending value, for the code\'s message (the name)'),
});
export type TNodeImportIssue = z.infer<typeof ZNodeImportIssue>;

export const ZNodeImportReport = z
  .object({
    dryRun: z.boolean(),
    format: z.enum(NODE_IMPORT_FORMATS),
    total: z.number().int().describe('Nodes in the file'),
    created: z.number().int(),
    updated: z.number().int(),
    groupsCreated: z.array(z.string()).describe('Node groups the file named that did not exist yet'),
  })
  .meta({ id: 'NodeImportReport' });
export type TNodeImportReport = z.infer<typeof ZNodeImportReport>;

export const ZNodeExportQuery = z.object({
  status: ZNodeStatus.optional(),
  groupId: z.string().uuid().optional(),
  label: z.string().max(200).optional().describe('A label selector: `key=value,key2=value2`'),
  q: z.string().trim().min(1).max(100).optional(),
});
export type TNodeExportQuery = z.infer<typeof ZNodeExportQuery>;

export const ZNodeFeature = z.object({
  type: z.literal('Feature'),
  id: z.string().uuid(),
  geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]).describe('[longitude, latitude] (RFC 7946)') }),
  properties: z.object({
    id: z.string().uuid(), name: z.string(), latitude: z.number(), longitude: z.number(), address: z.string(), province: z.string(), city: z.string(), district: z.string(),
    group: z.string().describe('The node group\'s name, or empty'), labels: ZLabels, capacity: ZNodeCapacity.nullable(), dataPlane: ZDataPlane, runtime: ZNodeRuntime, status: ZNodeStatus,
  }),
});
export const ZNodeFeatureCollection = z
  .object({ type: z.literal('FeatureCollection'), features: z.array(ZNodeFeature) })
  .meta({ id: 'NodeFeatureCollection', description: 'RFC 7946 GeoJSON; importable as it is' });
export type TNodeFeatureCollection = z.infer<typeof ZNodeFeatureCollection>;
