/**
 * Deployments (`/api/v1/edge/deployments`), app instances (`/api/v1/edge/instances`) and alarms
 * (`/api/v1/edge/alarms`) as the operator's API reads and writes them.
 *
 * @example ZDeploymentCreate.parse({ appVersionId: '…', target: { kind: 'labels', selector: 'region=south' }, batchSize: 5 });
 */
import { z } from 'zod';
import { ZInstanceMessageCode, ZInstanceState, ZMessageParams } from './edge-channel';
import { ZPage, ZPageQuery } from './pagination';
import { ZRanImage } from './container-runtime';

export const ZDeploymentTargetSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('nodes'), nodeIds: z.array(z.string().uuid()).min(1).max(10_000) }),
  z.object({ kind: z.literal('group'), groupId: z.string().uuid() }),
  z.object({ kind: z.literal('labels'), selector: z.string().min(3).max(200).describe('key=value[,key=value...]') }),
]);
export type TDeploymentTargetSpec = z.infer<typeof ZDeploymentTargetSpec>;

export const ZDeploymentCreate = z.object({
  appVersionId: z.string().uuid().describe('A published app version'),
  kind: z.enum(['install', 'upgrade']).default('install').describe('install: a new instance per node; upgrade: the app\'s instances on the nodes move to this version, rolled back on failure'),
  target: ZDeploymentTargetSpec,
  batchSize: z.number().int().min(1).max(10_000).default(10),
  stopOnFailure: z.boolean().default(true),
});
export type TDeploymentCreate = z.infer<typeof ZDeploymentCreate>;

export const DEPLOYMENT_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'rolled_back', 'stopped'] as const;
export const TARGET_STATUSES = ['pending', 'applying', 'succeeded', 'failed', 'skipped', 'rolled_back'] as const;

export const ZDeploymentTarget = z.object({
  nodeId: z.string().uuid(),
  nodeName: z.string(),
  batch: z.number().int(),
  status: z.enum(TARGET_STATUSES),
  appInstanceId: z.string().uuid().nullable(),
  instanceState: ZInstanceState.nullable(),
  instanceWithdrawn: z.boolean().describe('The target failed and its instance was withdrawn from the node (desired REMOVED): nothing of it is left to run there'),
  message: z.string().nullable(),
});

export const ZDeployment = z
  .object({
    id: z.string().uuid(),
    appId: z.string().uuid(),
    appName: z.string(),
    appVersionId: z.string().uuid(),
    version: z.string(),
    kind: z.enum(['install', 'upgrade']),
    target: ZDeploymentTargetSpec,
    batchSize: z.number().int(),
    stopOnFailure: z.boolean(),
    status: z.enum(DEPLOYMENT_STATUSES),
    message: z.string().nullable(),
    counts: z.object(Object.fromEntries(TARGET_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof TARGET_STATUSES)[number], z.ZodNumber>),
    createdBy: z.string().describe('Subject of the operator who started it'),
    createdByName: z.string().nullable().describe('Their display name, when the portal knows them'),
    createdAt: z.string().datetime({ offset: true }),
    finishedAt: z.string().datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'Deployment' });
export type TDeployment = z.infer<typeof ZDeployment>;
export const ZDeploymentDetail = ZDeployment.extend({ targets: z.array(ZDeploymentTarget) }).meta({ id: 'DeploymentDetail' });
export type TDeploymentDetail = z.infer<typeof ZDeploymentDetail>;
export const ZDeploymentPage = ZPage(ZDeployment).meta({ id: 'DeploymentPage' });
export const ZDeploymentParams = z.object({ deploymentId: z.string().uuid() });

export const INSTANCE_DESIRED_STATES_API = ['RUNNING', 'STOPPED', 'REMOVED'] as const;
export const TERMINATION_REASONS = ['operator', 'deployment_failed'] as const;
export type TTerminationReason = (typeof TERMINATION_REASONS)[number];

export const ZAppInstance = z
  .object({
    id: z.string().uuid(),
    nodeId: z.string().uuid(),
    nodeName: z.string(),
    appId: z.string().uuid(),
    appName: z.string(),
    appVersionId: z.string().uuid(),
    version: z.string(),
    deploymentId: z.string().uuid().nullable(),
    desiredState: z.enum(INSTANCE_DESIRED_STATES_API).describe('REMOVED: terminated by an operator or withdrawn by its failed deployment'),
    state: ZInstanceState,
    restarts: z.number().int(),
    ready: z.boolean(),
    message: z.string().nullable().describe('The agent\'s message in English'),
    messageCode: ZInstanceMessageCode.nullable().describe('`message` as a stable code, to show it translated'),
    messageParams: ZMessageParams.nullable(),
    terminating: z.boolean(),
    images: z.array(ZRanImage).describe('A container app\'s images with the digests that ran, as its agent last reported them (empty for process apps)'),
    terminationReason: z.enum(TERMINATION_REASONS).nullable().describe('Why it left the desired state: terminated by an operator, or withdrawn because its deployment failed on the node'),
    createdAt: z.string().datetime({ offset: true }),
    updatedAt: z.string().datetime({ offset: true }),
  })
  .meta({ id: 'AppInstance' });
export type TAppInstance = z.infer<typeof ZAppInstance>;
export const ZAppInstanceDetail = ZAppInstance.extend({ logTail: z.array(z.string()) }).meta({ id: 'AppInstanceDetail' });
export type TAppInstanceDetail = z.infer<typeof ZAppInstanceDetail>;
export const ZAppInstancePage = ZPage(ZAppInstance).meta({ id: 'AppInstancePage' });
export type TAppInstancePage = z.infer<typeof ZAppInstancePage>;
export const ZAppInstanceQuery = ZPageQuery.extend({ nodeId: z.string().uuid().optional(), appId: z.string().uuid().optional(), includeRemoved: z.enum(['true', 'false']).optional().transform((v) => v === 'true') });
export const ZAppInstanceParams = z.object({ instanceId: z.string().uuid() });

/** condition_ended: the fault ended by itself; operator: cleared by hand; instance_*: its instance left the node. */
export const ALARM_CLEAR_REASONS = ['condition_ended', 'operator', 'instance_terminated', 'instance_withdrawn'] as const;
export type TAlarmClearReason = (typeof ALARM_CLEAR_REASONS)[number];

export const ZAlarm = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(['node_offline', 'instance_crash_loop', 'package_digest_mismatch']),
    severity: z.enum(['critical', 'major', 'minor']),
    nodeId: z.string().uuid().nullable(),
    nodeName: z.string().nullable(),
    appInstanceId: z.string().uuid().nullable(),
    appId: z.string().uuid().nullable(),
    appName: z.string().nullable().describe('The app of the instance the alarm is about'),
    state: z.enum(['active', 'acknowledged', 'cleared']),
    message: z.string().describe('In English, naming the app and the node'),
    details: ZMessageParams.describe('The message\'s parameters (appName, nodeName, restarts, the instance\'s messageCode and its parameters), to show it translated'),
    clearReason: z.enum(ALARM_CLEAR_REASONS).nullable(),
    raisedAt: z.string().datetime({ offset: true }),
    acknowledgedAt: z.string().datetime({ offset: true }).nullable(),
    acknowledgedBy: z.string().nullable(),
    clearedAt: z.string().datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'Alarm' });
export type TAlarm = z.infer<typeof ZAlarm>;
export const ZAlarmPage = ZPage(ZAlarm).meta({ id: 'AlarmPage' });
export const ZAlarmQuery = ZPageQuery.extend({
  state: z.enum(['open', 'active', 'acknowledged', 'cleared']).default('open').describe('open = active or acknowledged'),
  kind: z.enum(['node_offline', 'instance_crash_loop', 'package_digest_mismatch']).optional(),
  nodeId: z.string().uuid().optional(),
});
export type TAlarmQuery = z.infer<typeof ZAlarmQuery>;
export const ZAlarmParams = z.object({ alarmId: z.string().uuid() });
