/** Node import (CSV or GeoJSON, all or nothing, dry run) and export (GeoJSON) of the operator's registry. */
import { NODE_IMPORT_MAX_BODY_BYTES, ZNodeExportQuery, ZNodeFeatureCollection, ZNodeImportReport, ZNodeImportRequest } from '@mecport/contracts';
import { exportNodes, importNodes } from '@mecport/core';
import { withUser } from '@mecport/http';
import { api } from '../api';
import { prisma } from '../services';
import { nodeOptions } from '../edge-options';

const operators = withUser({ roles: ['operator', 'admin'] });
const tags = ['Edge nodes'];

export const importNodesRoute = api.route({
  method: 'POST', path: '/api/v1/edge/nodes/import', operationId: 'importEdgeNodes', tags,
  summary: 'Import nodes from CSV or GeoJSON, all or nothing (dryRun: check only); audited',
  description: 'CSV header `name,latitude,longitude,address,province,city,district,group,labels` (labels as `k=v;k2=v2`; only the first three are required), '
    + 'or a GeoJSON FeatureCollection of Points with the same properties. Groups named in the file are created when missing. '
    + 'Any invalid row: 400, nothing imported, and the problem\'s `rows` lists every invalid row as `{ line | feature, field, message }`. At most 20,000 nodes per import.',
  auth: operators, body: ZNodeImportRequest, maxBodyBytes: NODE_IMPORT_MAX_BODY_BYTES,
  response: { status: 200, description: 'What was (or, on a dry run, would be) created and updated', schema: ZNodeImportReport },
  errors: [409, 413],
  handler: ({ actor, body, requestId }) => importNodes(prisma(), actor, body, requestId),
});

export const exportNodesRoute = api.route({
  method: 'GET', path: '/api/v1/edge/nodes/export', operationId: 'exportEdgeNodes', tags,
  summary: 'The tenant\'s nodes as GeoJSON (application/geo+json), importable as it is; same filters as the node list',
  auth: operators, query: ZNodeExportQuery,
  response: { status: 200, description: 'A FeatureCollection of Points, ordered by name', schema: ZNodeFeatureCollection, mediaType: 'application/geo+json' },
  handler: ({ actor, query }) => exportNodes(prisma(), actor.tenant.id, query, nodeOptions()),
});
