/** The developer workspace's view of package uploads: the uploads of an app and one upload with its progress and report. */
import { ZAppParams, ZAppUploadParams, ZUpload, ZUploadListQuery, ZUploadPage } from '@mecport/contracts';
import { getUpload, listUploads } from '@mecport/core';
import { withUser } from '@mecport/http';
import { api } from '../api';
import { prisma } from '../services';

const developers = withUser({ roles: ['developer', 'admin'] });
const tags = ['Uploads'];

export const listUploadsRoute = api.route({
  method: 'GET', path: '/api/v1/apps/{appId}/uploads', operationId: 'listMyAppUploads', tags,
  summary: 'The package uploads of an app of the caller\'s tenant, newest first (cursor pagination)',
  auth: developers,
  params: ZAppParams,
  query: ZUploadListQuery,
  response: { status: 200, description: 'One page of uploads', schema: ZUploadPage },
  errors: [404],
  handler: ({ actor, params, query }) => listUploads(prisma(), actor.tenant.id, params.appId, query),
});

export const getUploadRoute = api.route({
  method: 'GET', path: '/api/v1/apps/{appId}/uploads/{uploadId}', operationId: 'getMyAppUpload', tags,
  summary: 'One upload: state, offset, validation progress and, once validated or failed, the report of every check',
  auth: developers,
  params: ZAppUploadParams,
  response: { status: 200, description: 'The upload', schema: ZUpload },
  errors: [404],
  handler: ({ actor, params }) => getUpload(prisma(), actor.tenant.id, params.appId, params.uploadId),
});
