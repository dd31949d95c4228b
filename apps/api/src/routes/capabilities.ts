/**
 * The API-capability catalog (issue 13): any signed-in user reads the MEC platform capabilities,
 * the third-party services of published apps and their official OpenAPI documents; store admins
 * curate. The catalog is store-wide; live providers are the caller's tenant's nodes.
 */
import {
  ZCapabilityCuration, ZCapabilityCurationInput, ZCapabilityDetail, ZCapabilityPage, ZCapabilityParams, ZCapabilityQuery, ZCapabilitySpecParams, ZMecSpecDocument,
} from '@mecport/contracts';
import { CURATOR_ROLES, curateCapability, getCapability, listCapabilities, mecSpecDocument } from '@mecport/core';
import { withUser } from '@mecport/http';
import { api } from '../api';
import { nodeOptions } from '../edge-options';
import { prisma } from '../services';

const readers = withUser({ roles: 'any' });
const curators = withUser({ roles: CURATOR_ROLES });
const tags = ['Capabilities'];

export const listCapabilitiesRoute = api.route({
  method: 'GET', path: '/api/v1/capabilities', operationId: 'listCapabilities', tags,
  summary: 'The capability catalog: MEC platform APIs and third-party services, featured first; search, category, kind, cursor pagination',
  description: 'Hidden capabilities are listed to store admins only. `liveNodes` counts the caller\'s tenant\'s online nodes.',
  auth: readers, query: ZCapabilityQuery,
  response: { status: 200, description: 'One page of capabilities, with the categories', schema: ZCapabilityPage },
  handler: ({ actor, query }) => listCapabilities(prisma(), actor, query, nodeOptions()),
});

export const getCapabilityRoute = api.route({
  method: 'GET', path: '/api/v1/capabilities/{capabilityId}', operationId: 'getCapability', tags,
  summary: 'One capability: specs and versions, used by, provided by, the caller\'s tenant\'s nodes offering it now, curation',
  auth: readers, params: ZCapabilityParams,
  response: { status: 200, description: 'The capability', schema: ZCapabilityDetail },
  errors: [404],
  handler: ({ actor, params }) => getCapability(prisma(), actor, params, nodeOptions()),
});

export const curateCapabilityRoute = api.route({
  method: 'PUT', path: '/api/v1/capabilities/{capabilityId}/curation', operationId: 'curateCapability', tags,
  summary: 'Store admins: feature, hide, describe (English and Chinese) or deprecate a capability; audited',
  auth: curators, params: ZCapabilityParams, body: ZCapabilityCurationInput,
  response: { status: 200, description: 'The curation now', schema: ZCapabilityCuration },
  errors: [404],
  handler: ({ actor, params, body, requestId }) => curateCapability(prisma(), actor, params, body, nodeOptions(), requestId),
});

export const getCapabilitySpecRoute = api.route({
  method: 'GET', path: '/api/v1/capability-specs/{specId}', operationId: 'getCapabilitySpec', tags,
  summary: 'An official ETSI MEC OpenAPI 3.0 or 3.1 document (BSD-3-Clause) as JSON, local $refs kept',
  auth: readers, params: ZCapabilitySpecParams,
  response: { status: 200, description: 'The OpenAPI document', schema: ZMecSpecDocument },
  handler: ({ params }) => Promise.resolve(mecSpecDocument(params.specId)),
});
