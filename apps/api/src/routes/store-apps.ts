/** The developer workspace's API: the tenant's apps, their versions, publishing and deprecating. */
import { ZApp, ZAppCreate, ZAppListQuery, ZAppPage, ZAppParams, ZAppUpdate, ZAppVersion, ZAppVersionPage, ZAppVersionParams } from '@mecport/contracts';
import { createApp, deleteVersionAndPackage, deprecateVersion, getApp, listTenantApps, listVersions, publishVersion, updateApp } from '@mecport/core';
import { withUser } from '@mecport/http';
import { api } from '../api';
import { blobStore, prisma } from '../services';

const developers = withUser({ roles: ['developer', 'admin'] });
const tags = ['Developer'];

export const listAppsRoute = api.route({
  method: 'GET', path: '/api/v1/apps', operationId: 'listMyApps', tags,
  summary: 'The apps of the caller\'s tenant, newest first (cursor pagination)',
  auth: developers,
  query: ZAppListQuery,
  response: { status: 200, description: 'One page of apps', schema: ZAppPage },
  handler: ({ actor, query }) => listTenantApps(prisma(), actor.tenant.id, query),
});

export const createAppRoute = api.route({
  method: 'POST', path: '/api/v1/apps', operationId: 'createApp', tags,
  summary: 'Create a store listing for the caller\'s tenant; recorded in the audit trail',
  auth: developers,
  body: ZAppCreate,
  response: { status: 201, description: 'The new app', schema: ZApp },
  errors: [409],
  handler: ({ actor, body, requestId }) => createApp(prisma(), actor, body, requestId),
});

export const getAppRoute = api.route({
  method: 'GET', path: '/api/v1/apps/{appId}', operationId: 'getMyApp', tags,
  summary: 'One app of the caller\'s tenant',
  auth: developers,
  params: ZAppParams,
  response: { status: 200, description: 'The app', schema: ZApp },
  errors: [404],
  handler: ({ actor, params }) => getApp(prisma(), actor.tenant.id, params.appId),
});

export const updateAppRoute = api.route({
  method: 'PATCH', path: '/api/v1/apps/{appId}', operationId: 'updateMyApp', tags,
  summary: 'Edit the listing (any field but the slug; null clears an optional one); audited',
  auth: developers,
  params: ZAppParams,
  body: ZAppUpdate,
  response: { status: 200, description: 'The updated app', schema: ZApp },
  errors: [404],
  handler: ({ actor, params, body, requestId }) => updateApp(prisma(), actor, params.appId, body, requestId),
});

export const listVersionsRoute = api.route({
  method: 'GET', path: '/api/v1/apps/{appId}/versions', operationId: 'listMyAppVersions', tags,
  summary: 'Every version of an app of the caller\'s tenant, in any status, newest first',
  auth: developers,
  params: ZAppParams,
  query: ZAppListQuery,
  response: { status: 200, description: 'One page of versions', schema: ZAppVersionPage },
  errors: [404],
  handler: ({ actor, params, query }) => listVersions(prisma(), actor.tenant.id, params.appId, query),
});

export const deleteVersionRoute = api.route({
  method: 'DELETE', path: '/api/v1/apps/{appId}/versions/{versionId}', operationId: 'deleteMyAppVersion', tags,
  summary: 'Delete a draft or validated version (409 otherwise); its package goes when no other version uses it',
  auth: developers,
  params: ZAppVersionParams,
  response: { status: 204, description: 'Deleted' },
  errors: [404, 409],
  handler: async ({ actor, params, requestId, log }) => {
    const { freedDigest, fileRemoved } = await deleteVersionAndPackage(prisma(), blobStore(), actor, params.appId, params.versionId, requestId);
    if (freedDigest) log.info({ digest: freedDigest, fileRemoved }, 'package blob freed');
  },
});

export const publishVersionRoute = api.route({
  method: 'POST', path: '/api/v1/apps/{appId}/versions/{versionId}/publish', operationId: 'publishMyAppVersion', tags,
  summary: 'Publish a version to the store (validated or certified versions; 409 otherwise)',
  auth: developers,
  params: ZAppVersionParams,
  response: { status: 200, description: 'The published version', schema: ZAppVersion },
  errors: [404, 409],
  handler: ({ actor, params, requestId }) => publishVersion(prisma(), actor, params.appId, params.versionId, requestId),
});

export const deprecateVersionRoute = api.route({
  method: 'POST', path: '/api/v1/apps/{appId}/versions/{versionId}/deprecate', operationId: 'deprecateMyAppVersion', tags,
  summary: 'Deprecate a version: the store stops showing it; nothing is deleted',
  auth: developers,
  params: ZAppVersionParams,
  response: { status: 200, description: 'The deprecated version', schema: ZAppVersion },
  errors: [404, 409],
  handler: ({ actor, params, requestId }) => deprecateVersion(prisma(), actor, params.appId, params.versionId, requestId),
});
