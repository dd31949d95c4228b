/**
 * Traffic and DNS rules as operators change them (issue 12): dry run, apply (a change, rolled out
 * per node), rollback and retry of a change, and a node's rules and rule-set versions.
 */
import {
  ZDryRunReport, ZNodeParams, ZNodeRules, ZPageQuery, ZRuleChange, ZRuleChangePage, ZRuleChangeParams, ZRuleChangeRequest, ZRuleSetParams, ZRuleSetVersion, ZRuleSetVersionPage,
} from '@mecport/contracts';
import {
  dryRunRuleChange, getRuleChange, getRuleSetVersion, listRuleChanges, listRuleSetVersions, nodeRules, restoreRuleSetVersion, retryRuleChange, rollbackRuleChange, submitRuleChange,
} from '@mecport/core';
import { withUser } from '@mecport/http';
import { api } from '../api';
import { prisma } from '../services';

const operators = withUser({ roles: ['operator', 'admin'] });
const tags = ['Rules'];

export const dryRunRulesRoute = api.route({
  method: 'POST', path: '/api/v1/edge/rules/dry-run', operationId: 'dryRunRuleChange', tags,
  summary: 'What a rule change would do, per node: conflicts, the diff and the flows that change; nothing is stored',
  auth: operators, body: ZRuleChangeRequest,
  response: { status: 200, description: 'The dry-run report', schema: ZDryRunReport },
  errors: [404],
  handler: ({ actor, body }) => dryRunRuleChange(prisma(), actor.tenant.id, body),
});

export const createRuleChangeRoute = api.route({
  method: 'POST', path: '/api/v1/edge/rules/changes', operationId: 'createRuleChange', tags,
  summary: 'Apply a rule change: dry run first (409 with the report as `report` when it finds errors, or when the change changes nothing), then every affected node gets a new rule-set version and desired revision; audited',
  auth: operators, body: ZRuleChangeRequest,
  response: { status: 201, description: 'The change, rolling out', schema: ZRuleChange },
  errors: [404, 409],
  handler: ({ actor, body, requestId }) => submitRuleChange(prisma(), actor, body, requestId),
});

export const listRuleChangesRoute = api.route({
  method: 'GET', path: '/api/v1/edge/rules/changes', operationId: 'listRuleChanges', tags,
  summary: 'The tenant\'s rule changes, newest first, with their rollout counts',
  auth: operators, query: ZPageQuery,
  response: { status: 200, description: 'One page', schema: ZRuleChangePage },
  handler: ({ actor, query }) => listRuleChanges(prisma(), actor.tenant.id, query),
});

export const getRuleChangeRoute = api.route({
  method: 'GET', path: '/api/v1/edge/rules/changes/{changeId}', operationId: 'getRuleChange', tags,
  summary: 'One rule change with every node\'s rollout status (pending, applied, failed with the adapter\'s reason, superseded) and its diff',
  auth: operators, params: ZRuleChangeParams,
  response: { status: 200, description: 'The change', schema: ZRuleChange },
  errors: [404],
  handler: ({ actor, params }) => getRuleChange(prisma(), actor.tenant.id, params.changeId),
});

export const rollbackRuleChangeRoute = api.route({
  method: 'POST', path: '/api/v1/edge/rules/changes/{changeId}/rollback', operationId: 'rollbackRuleChange', tags,
  summary: 'Roll a change back: every node of the change gets the rule-set version it had before it, as a new change; audited',
  auth: operators, params: ZRuleChangeParams,
  response: { status: 201, description: 'The rollback, rolling out', schema: ZRuleChange },
  errors: [404, 409],
  handler: ({ actor, params, requestId }) => rollbackRuleChange(prisma(), actor, params.changeId, requestId),
});

export const retryRuleChangeRoute = api.route({
  method: 'POST', path: '/api/v1/edge/rules/changes/{changeId}/retry', operationId: 'retryRuleChange', tags,
  summary: 'Send a change again to the nodes where it failed (a new desired revision, the same rules); 409 when none failed; audited',
  auth: operators, params: ZRuleChangeParams,
  response: { status: 200, description: 'The change, rolling out again', schema: ZRuleChange },
  errors: [404, 409],
  handler: ({ actor, params, requestId }) => retryRuleChange(prisma(), actor, params.changeId, requestId),
});

export const nodeRulesRoute = api.route({
  method: 'GET', path: '/api/v1/edge/nodes/{nodeId}/rules', operationId: 'getNodeRules', tags,
  summary: 'A node\'s steering: its instances\' rules, each rule\'s status, the version applied and the names its DNS answers',
  auth: operators, params: ZNodeParams,
  response: { status: 200, description: 'The node\'s rules', schema: ZNodeRules },
  errors: [404],
  handler: ({ actor, params }) => nodeRules(prisma(), actor.tenant.id, params.nodeId),
});

export const listRuleSetVersionsRoute = api.route({
  method: 'GET', path: '/api/v1/edge/nodes/{nodeId}/rule-sets', operationId: 'listRuleSetVersions', tags,
  summary: 'A node\'s rule-set versions, newest first; version 0 (the AppDs\' rules) ends the list',
  auth: operators, params: ZNodeParams, query: ZPageQuery,
  response: { status: 200, description: 'One page', schema: ZRuleSetVersionPage },
  errors: [404],
  handler: ({ actor, params, query }) => listRuleSetVersions(prisma(), actor.tenant.id, params.nodeId, query),
});

export const getRuleSetVersionRoute = api.route({
  method: 'GET', path: '/api/v1/edge/nodes/{nodeId}/rule-sets/{version}', operationId: 'getRuleSetVersion', tags,
  summary: 'One rule-set version of a node: every instance\'s rules as that version had them',
  auth: operators, params: ZRuleSetParams,
  response: { status: 200, description: 'The version', schema: ZRuleSetVersion },
  errors: [404],
  handler: ({ actor, params }) => getRuleSetVersion(prisma(), actor.tenant.id, params.nodeId, params.version),
});

export const restoreRuleSetVersionRoute = api.route({
  method: 'POST', path: '/api/v1/edge/nodes/{nodeId}/rule-sets/{version}/restore', operationId: 'restoreRuleSetVersion', tags,
  summary: 'Restore an earlier rule-set version on a node, as a new version (a change of kind restore); 409 when the node already has those rules; audited',
  auth: operators, params: ZRuleSetParams,
  response: { status: 201, description: 'The restore, rolling out', schema: ZRuleChange },
  errors: [404, 409],
  handler: ({ actor, params, requestId }) => restoreRuleSetVersion(prisma(), actor, params.nodeId, params.version, requestId),
});
