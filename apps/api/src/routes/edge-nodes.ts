/** The operator's node registry: nodes, node groups, the map query, enrolment tickets and revocation. */
import {
  ZEdgeNode, ZEdgeNodePage, ZEnrolmentTicket, ZMapNodeList, ZMapNodeQuery, ZNodeDetail, ZNodeGroup, ZNodeGroupParams, ZNodeGroupWrite,
  ZNodeListQuery, ZNodeParams, ZNodeUpdate, ZNodeWrite,
} from '@mecport/contracts';
import {
  createEnrolmentTicket, createNode, createNodeGroup, deleteNode, deleteNodeGroup, getNodeDetail, listNodeGroups, listNodes, revokeNode, updateNode,
} from '@mecport/core';
import { withUser } from '@mecport/http';
import { z } from 'zod';
import { apiEnv } from '../env';
import { api } from '../api';
import { cachedAnswerResponse } from '../cached-answer-response';
import { agentChannelUrl, nodeOptions } from '../edge-options';
import { mapNodesCache, prisma } from '../services';

const operators = withUser({ roles: ['operator', 'admin'] });
const tags = ['Edge nodes'];

export const listNodesRoute = api.route({
  method: 'GET', path: '/api/v1/edge/nodes', operationId: 'listEdgeNodes', tags,
  summary: 'The tenant\'s edge nodes, newest first; filter by status, group, label selector or text',
  auth: operators, query: ZNodeListQuery,
  response: { status: 200, description: 'One page of nodes', schema: ZEdgeNodePage },
  handler: ({ actor, query }) => listNodes(prisma(), actor.tenant.id, query, nodeOptions()),
});

export const createNodeRoute = api.route({
  method: 'POST', path: '/api/v1/edge/nodes', operationId: 'createEdgeNode', tags,
  summary: 'Register an edge node (then create an enrolment ticket for its agent); audited',
  auth: operators, body: ZNodeWrite,
  response: { status: 201, description: 'The new node (status pending)', schema: ZEdgeNode },
  errors: [409],
  handler: ({ actor, body, requestId }) => createNode(prisma(), actor, body, nodeOptions(), requestId),
});

export const mapNodesRoute = api.route({
  method: 'GET', path: '/api/v1/edge/map/nodes', operationId: 'listMapNodes', tags,
  summary: 'Every node of the tenant in the map\'s compact form (no paging), with the same filters as the map',
  description: 'Carries an `ETag` of the content; a request whose `If-None-Match` names it is answered `304 Not Modified` with no body (the map re-reads this every 15 s).',
  auth: operators, query: ZMapNodeQuery,
  response: { status: 200, description: 'All matching nodes, one row each, with what they share (regions, groups, label and app sets) listed once', schema: ZMapNodeList },
  // Built JSON is reused while the tenant's nodes and instances are unchanged (statuses at most 5 s late); `Cache-Control: no-cache` rebuilds.
  handler: async ({ request, actor, query }) => {
    const fresh = /no-cache/i.test(request.headers.get('cache-control') ?? '');
    return cachedAnswerResponse(request, await mapNodesCache().answer(prisma(), actor.tenant.id, query, { ...nodeOptions(), fresh }));
  },
});

export const getNodeRoute = api.route({
  method: 'GET', path: '/api/v1/edge/nodes/{nodeId}', operationId: 'getEdgeNode', tags,
  summary: 'One node with its last hour of metrics, app instances and Mp1 services',
  auth: operators, params: ZNodeParams,
  response: { status: 200, description: 'The node', schema: ZNodeDetail },
  errors: [404],
  handler: ({ actor, params }) => getNodeDetail(prisma(), actor.tenant.id, params.nodeId, nodeOptions()),
});

export const updateNodeRoute = api.route({
  method: 'PATCH', path: '/api/v1/edge/nodes/{nodeId}', operationId: 'updateEdgeNode', tags,
  summary: 'Change a node\'s location, region, group, labels, capacity or data-plane settings; audited',
  auth: operators, params: ZNodeParams, body: ZNodeUpdate,
  response: { status: 200, description: 'The node', schema: ZEdgeNode },
  errors: [404, 409],
  handler: ({ actor, params, body, requestId }) => updateNode(prisma(), actor, params.nodeId, body, nodeOptions(), requestId),
});

export const deleteNodeRoute = api.route({
  method: 'DELETE', path: '/api/v1/edge/nodes/{nodeId}', operationId: 'deleteEdgeNode', tags,
  summary: 'Delete a node with no app instances left (409 otherwise); audited',
  auth: operators, params: ZNodeParams,
  response: { status: 204, description: 'Deleted' },
  errors: [404, 409],
  handler: ({ actor, params, requestId }) => deleteNode(prisma(), actor, params.nodeId, requestId),
});

export const enrolmentTicketRoute = api.route({
  method: 'POST', path: '/api/v1/edge/nodes/{nodeId}/enrolment', operationId: 'createEnrolmentTicket', tags,
  summary: 'A one-time enrolment token and the one-line agent command (voids earlier unused tokens); audited',
  auth: operators, params: ZNodeParams,
  response: { status: 201, description: 'The ticket; the token is shown only now', schema: ZEnrolmentTicket },
  errors: [404],
  handler: ({ request, actor, params, requestId }) =>
    createEnrolmentTicket(prisma(), actor, params.nodeId, { portalUrl: agentChannelUrl(request), ttlSec: apiEnv().MECPORT_ENROL_TOKEN_TTL_SEC }, requestId),
});

export const revokeNodeRoute = api.route({
  method: 'POST', path: '/api/v1/edge/nodes/{nodeId}/revoke', operationId: 'revokeEdgeNode', tags,
  summary: 'Withdraw the node\'s credentials (its agent gets 401 and must re-enrol; its apps keep running); audited',
  auth: operators, params: ZNodeParams,
  response: { status: 204, description: 'Revoked' },
  errors: [404, 409],
  handler: ({ actor, params, requestId }) => revokeNode(prisma(), actor, params.nodeId, requestId),
});

export const listNodeGroupsRoute = api.route({
  method: 'GET', path: '/api/v1/edge/node-groups', operationId: 'listNodeGroups', tags,
  summary: 'The tenant\'s node groups by name, with their node counts',
  auth: operators,
  response: { status: 200, description: 'Every group', schema: z.object({ items: z.array(ZNodeGroup) }) },
  handler: ({ actor }) => listNodeGroups(prisma(), actor.tenant.id),
});

export const createNodeGroupRoute = api.route({
  method: 'POST', path: '/api/v1/edge/node-groups', operationId: 'createNodeGroup', tags,
  summary: 'Create a node group; audited',
  auth: operators, body: ZNodeGroupWrite,
  response: { status: 201, description: 'The group', schema: ZNodeGroup },
  errors: [409],
  handler: ({ actor, body, requestId }) => createNodeGroup(prisma(), actor, body, requestId),
});

export const deleteNodeGroupRoute = api.route({
  method: 'DELETE', path: '/api/v1/edge/node-groups/{groupId}', operationId: 'deleteNodeGroup', tags,
  summary: 'Delete a node group (its nodes stay, ungrouped); audited',
  auth: operators, params: ZNodeGroupParams,
  response: { status: 204, description: 'Deleted' },
  errors: [404],
  handler: ({ actor, params, requestId }) => deleteNodeGroup(prisma(), actor, params.groupId, requestId),
});
