/**
 * The edge channel as agents call it: enrol with a one-time token (public), then, signed with the
 * node's own key, long-poll the desired state, report applied revisions, send heartbeats and log
 * tails, report the rule switches their apps made through Mp1, and download the packages of their
 * desired state.
 */
import { ZDesiredState, ZDesiredStateQuery, ZEnrolRequest, ZEnrolResponse, ZHeartbeat, ZInstanceLogTail, ZNodeParams, ZNodeReport, ZRuleStateReport, ZSha256Hex } from '@mecport/contracts';
import { enrolAgent, findNodePackage, recordAppRuleStates, recordLogTail } from '@mecport/core';
import { publicAccess, withAgent } from '@mecport/http';
import { apiEnv } from '../env';
import { api } from '../api';
import { packageFileResponse } from '../package-file-response';
import { agentWrites, blobStore, channelReads, prisma, revisionWatcher } from '../services';

const agent = withAgent();
const tags = ['Edge channel'];

export const enrolRoute = api.route({
  method: 'POST', path: '/api/v1/edge/enrol', operationId: 'enrolAgent', tags,
  summary: 'An agent enrols with a one-time token and the public key it made; answers its node credentials',
  auth: publicAccess(), body: ZEnrolRequest,
  response: { status: 201, description: 'The node the agent now speaks for', schema: ZEnrolResponse },
  handler: ({ body }) => enrolAgent(prisma(), body, { heartbeatIntervalSec: apiEnv().MECPORT_HEARTBEAT_INTERVAL_SEC }),
});

export const desiredStateRoute = api.route({
  method: 'GET', path: '/api/v1/edge/nodes/{nodeId}/desired', operationId: 'getDesiredState', tags,
  summary: 'The node\'s desired state once its revision is above `after` (long-poll up to `waitSec`, then 204)',
  auth: agent, params: ZNodeParams, query: ZDesiredStateQuery,
  response: { status: 200, description: 'A newer desired state', schema: ZDesiredState },
  handler: async ({ request, params, query }) => {
    const reads = channelReads();
    // The watcher subscribes, then reads the revision once: a newer one answers at once.
    const newer = await revisionWatcher().waitForChange(params.nodeId, query.after, query.waitSec * 1000, () => reads.revisions.load(params.nodeId), request.signal);
    if (newer === null) return new Response(null, { status: 204 });
    return reads.desired.load(params.nodeId);
  },
});

export const nodeReportRoute = api.route({
  method: 'POST', path: '/api/v1/edge/nodes/{nodeId}/report', operationId: 'reportNodeState', tags,
  summary: 'The agent reports the revision it applied (or failed to) and every instance\'s state',
  auth: agent, params: ZNodeParams, body: ZNodeReport,
  response: { status: 204, description: 'Recorded' },
  handler: ({ agent: node, body }) => agentWrites().report(node, body),
});

export const heartbeatRoute = api.route({
  method: 'POST', path: '/api/v1/edge/nodes/{nodeId}/heartbeat', operationId: 'nodeHeartbeat', tags,
  summary: 'Metrics, instance states and Mp1 services, every heartbeat interval',
  auth: agent, params: ZNodeParams, body: ZHeartbeat,
  response: { status: 204, description: 'Recorded' },
  handler: ({ agent: node, body }) => agentWrites().heartbeat(node, body),
});

export const instanceLogsRoute = api.route({
  method: 'POST', path: '/api/v1/edge/nodes/{nodeId}/logs', operationId: 'pushInstanceLogs', tags,
  summary: 'The last lines of an app instance\'s log (shown on its page)',
  auth: agent, params: ZNodeParams, body: ZInstanceLogTail,
  response: { status: 204, description: 'Recorded' },
  handler: ({ agent: node, body }) => recordLogTail(prisma(), node.nodeId, body),
});

export const nodePackageRoute = api.route({
  method: 'GET', path: '/api/v1/edge/nodes/{nodeId}/packages/{sha256}', operationId: 'downloadNodePackage', tags,
  summary: 'A package of the node\'s desired state (Range requests answer 206)',
  auth: agent, params: ZNodeParams.extend({ sha256: ZSha256Hex }),
  response: { status: 200, description: 'The package file' },
  errors: [404, 416],
  handler: async ({ request, requestId, params }) => {
    const file = await findNodePackage(prisma(), blobStore(), params.nodeId, params.sha256);
    return packageFileResponse(request, requestId, file, { instance: new URL(request.url).pathname });
  },
});

export const ruleStatesRoute = api.route({
  method: 'POST', path: '/api/v1/edge/rule-states', operationId: 'reportRuleStates', tags,
  summary: 'Rules the node\'s apps switched ACTIVE / INACTIVE through Mp1 (already applied on the node): recorded as rule changes made by the app; only instances on the agent\'s own node (403 otherwise)',
  auth: agent, body: ZRuleStateReport,
  response: { status: 204, description: 'Recorded' },
  errors: [403, 404],
  handler: ({ agent: node, body }) => recordAppRuleStates(prisma(), node, body),
});
