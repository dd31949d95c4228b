/** Deployments, app instances and alarms as the operator reads and drives them. */
import {
  ZAlarmPage, ZAlarmParams, ZAlarmQuery, ZAppInstanceDetail, ZAppInstancePage, ZAppInstanceParams, ZAppInstanceQuery, ZDeploymentCreate, ZDeploymentDetail,
  ZDeploymentPage, ZDeploymentParams, ZPageQuery,
} from '@mecport/contracts';
import {
  acknowledgeAlarm, blobWorkloadReader, clearAlarm, getDeployment, getInstance, listAlarms, listDeployments, listInstances, startDeployment, stopAndReadDeployment, terminateInstance,
} from '@mecport/core';
import { withUser } from '@mecport/http';
import { api } from '../api';
import { blobStore, prisma } from '../services';

const operators = withUser({ roles: ['operator', 'admin'] });

export const listDeploymentsRoute = api.route({
  method: 'GET', path: '/api/v1/edge/deployments', operationId: 'listDeployments', tags: ['Deployments'],
  summary: 'The tenant\'s deployments, newest first, with per-status node counts',
  auth: operators, query: ZPageQuery,
  response: { status: 200, description: 'One page', schema: ZDeploymentPage },
  handler: ({ actor, query }) => listDeployments(prisma(), actor.tenant.id, query),
});

export const createDeploymentRoute = api.route({
  method: 'POST', path: '/api/v1/edge/deployments', operationId: 'createDeployment', tags: ['Deployments'],
  summary: 'Roll a published app version out to nodes (picked, a group, or a label selector) in batches; audited. 409 when another instance holds one of the version\'s declared ports on a target node (`portConflicts` names each port, node and instance), when the version cannot be deployed (a Helm chart only: `reason` helm-not-supported), or when a target node cannot run a container app (`runtimeRefusals` names each node and why)',
  auth: operators, body: ZDeploymentCreate,
  response: { status: 201, description: 'The deployment with its first batch started', schema: ZDeploymentDetail },
  errors: [409],
  handler: ({ actor, body, requestId }) => startDeployment(prisma(), actor, body, requestId, { readWorkload: blobWorkloadReader(blobStore()) }),
});

export const getDeploymentRoute = api.route({
  method: 'GET', path: '/api/v1/edge/deployments/{deploymentId}', operationId: 'getDeployment', tags: ['Deployments'],
  summary: 'One deployment with every node\'s status',
  auth: operators, params: ZDeploymentParams,
  response: { status: 200, description: 'The deployment', schema: ZDeploymentDetail },
  errors: [404],
  handler: ({ actor, params }) => getDeployment(prisma(), actor.tenant.id, params.deploymentId),
});

export const stopDeploymentRoute = api.route({
  method: 'POST', path: '/api/v1/edge/deployments/{deploymentId}/stop', operationId: 'stopDeployment', tags: ['Deployments'],
  summary: 'Stop a running deployment: nodes still waiting are skipped, nodes already applying finish; audited',
  auth: operators, params: ZDeploymentParams,
  response: { status: 200, description: 'The stopped deployment', schema: ZDeploymentDetail },
  errors: [404, 409],
  handler: ({ actor, params, requestId }) => stopAndReadDeployment(prisma(), actor, params.deploymentId, requestId),
});

export const listInstancesRoute = api.route({
  method: 'GET', path: '/api/v1/edge/instances', operationId: 'listAppInstances', tags: ['Deployments'],
  summary: 'The tenant\'s app instances, newest first; filter by node or app',
  auth: operators, query: ZAppInstanceQuery,
  response: { status: 200, description: 'One page', schema: ZAppInstancePage },
  handler: ({ actor, query }) => listInstances(prisma(), actor.tenant.id, query),
});

export const getInstanceRoute = api.route({
  method: 'GET', path: '/api/v1/edge/instances/{instanceId}', operationId: 'getAppInstance', tags: ['Deployments'],
  summary: 'One app instance with the tail of its log',
  auth: operators, params: ZAppInstanceParams,
  response: { status: 200, description: 'The instance', schema: ZAppInstanceDetail },
  errors: [404],
  handler: ({ actor, params }) => getInstance(prisma(), actor.tenant.id, params.instanceId),
});

export const terminateInstanceRoute = api.route({
  method: 'POST', path: '/api/v1/edge/instances/{instanceId}/terminate', operationId: 'terminateAppInstance', tags: ['Deployments'],
  summary: 'Terminate an app instance (the app gets its graceful-termination notice on Mp1); audited',
  auth: operators, params: ZAppInstanceParams,
  response: { status: 202, description: 'Terminating', schema: ZAppInstanceDetail },
  errors: [404, 409],
  handler: ({ actor, params, requestId }) => terminateInstance(prisma(), actor, params.instanceId, requestId),
});

export const listAlarmsRoute = api.route({
  method: 'GET', path: '/api/v1/edge/alarms', operationId: 'listAlarms', tags: ['Alarms'],
  summary: 'The tenant\'s alarms, newest first (default: open ones)',
  auth: operators, query: ZAlarmQuery,
  response: { status: 200, description: 'One page', schema: ZAlarmPage },
  handler: ({ actor, query }) => listAlarms(prisma(), actor.tenant.id, query),
});

export const acknowledgeAlarmRoute = api.route({
  method: 'POST', path: '/api/v1/edge/alarms/{alarmId}/acknowledge', operationId: 'acknowledgeAlarm', tags: ['Alarms'],
  summary: 'Acknowledge an active alarm; audited',
  auth: operators, params: ZAlarmParams,
  response: { status: 204, description: 'Acknowledged' },
  errors: [404, 409],
  handler: ({ actor, params, requestId }) => acknowledgeAlarm(prisma(), actor, params.alarmId, requestId),
});

export const clearAlarmRoute = api.route({
  method: 'POST', path: '/api/v1/edge/alarms/{alarmId}/clear', operationId: 'clearAlarm', tags: ['Alarms'],
  summary: 'Clear an alarm by hand; audited',
  auth: operators, params: ZAlarmParams,
  response: { status: 204, description: 'Cleared' },
  errors: [404, 409],
  handler: ({ actor, params, requestId }) => clearAlarm(prisma(), actor, params.alarmId, requestId),
});
