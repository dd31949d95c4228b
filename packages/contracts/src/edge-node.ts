/**
 * The operator's node registry (`/api/v1/edge/nodes`, `/api/v1/edge/node-groups`,
 * `/api/v1/edge/map/nodes`): MEC hosts with location, region, group, labels and capacity.
 *
 * @example GET /api/v1/edge/map/nodes?status=offline&province=广东省
 */
import { z } from 'zod';
import { ZCallbackAllowCidrs, ZNodeCapacity, ZNodeMetrics, ZInstanceStatus, ZRegisteredService } from './edge-channel';
import { ZPage, ZPageQuery } from './pagination';
import { ZDataPlane } from './data-plane';
import { ZAgentRuntime, ZNodeRuntime } from './container-runtime';

export { DATA_PLANE_ADAPTERS, ZDataPlane, type TDataPlane } from './data-plane';

/** pending: created, not enrolled yet; revoked: credentials withdrawn, must re-enrol. */
export const NODE_STATUSES = ['pending', 'online', 'offline', 'revoked'] as const;
export const ZNodeStatus = z.enum(NODE_STATUSES);
export type TNodeStatus = z.infer<typeof ZNodeStatus>;

export const ZLabelKey = z.string().regex(/^[a-z0-9]([a-z0-9./-]{0,61}[a-z0-9])?$/, 'a label key is 1-63 lower-case letters, digits, dots, slashes or dashes');
export const ZLabelValue = z.string().max(63).regex(/^[\p{L}\p{N}._-]*$/u, 'a label value is letters, digits, dots, underscores or dashes');
export const ZLabels = z.record(ZLabelKey, ZLabelValue).refine((l) => Object.keys(l).length <= 32, 'at most 32 labels');
export type TLabels = z.infer<typeof ZLabels>;

const ZLatitude = z.number().min(-90).max(90);
const ZLongitude = z.number().min(-180).max(180);

export const ZNodeWrite = z.object({
  name: z.string().trim().min(1).max(100),
  latitude: ZLatitude,
  longitude: ZLongitude,
  address: z.string().trim().max(300).default(''),
  province: z.string().trim().max(60).default(''),
  city: z.string().trim().max(60).default(''),
  district: z.string().trim().max(60).default(''),
  groupId: z.string().uuid().nullable().default(null),
  labels: ZLabels.default({}),
  capacity: ZNodeCapacity.nullable().default(null),
  dataPlane: ZDataPlane.default({ adapter: 'memory', settings: {} }),
  callbackAllowCidrs: ZCallbackAllowCidrs.default([]),
  runtime: ZNodeRuntime.default({ container: 'none', registries: [] }),
});
export type TNodeWrite = z.infer<typeof ZNodeWrite>;
export type TNodeWriteInput = z.input<typeof ZNodeWrite>;
/** PATCH: only the fields sent change (no defaults are applied). */
export const ZNodeUpdate = z.object({
  name: ZNodeWrite.shape.name.optional(),
  latitude: ZLatitude.optional(),
  longitude: ZLongitude.optional(),
  address: z.string().trim().max(300).optional(),
  province: z.string().trim().max(60).optional(),
  city: z.string().trim().max(60).optional(),
  district: z.string().trim().max(60).optional(),
  groupId: z.string().uuid().nullable().optional(),
  labels: ZLabels.optional(),
  capacity: ZNodeCapacity.nullable().optional(),
  dataPlane: ZDataPlane.optional(),
  callbackAllowCidrs: ZCallbackAllowCidrs.optional(),
  runtime: ZNodeRuntime.optional(),
});
export type TNodeUpdate = z.infer<typeof ZNodeUpdate>;
export type TNodeListQuery = z.infer<typeof ZNodeListQuery>;
export type TMapNodeQuery = z.infer<typeof ZMapNodeQuery>;

export const ZEdgeNode = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    latitude: ZLatitude,
    longitude: ZLongitude,
    address: z.string(),
    province: z.string(),
    city: z.string(),
    district: z.string(),
    groupId: z.string().uuid().nullable(),
    groupName: z.string().nullable(),
    labels: ZLabels,
    capacity: ZNodeCapacity.nullable(),
    dataPlane: ZDataPlane,
    callbackAllowCidrs: z.array(z.string()).describe('Address ranges (CIDR) the node\'s apps may receive Mp1 notifications in, besides loopback on their own declared ports'),
    runtime: ZNodeRuntime,
    runtimes: z.array(ZAgentRuntime).nullable().describe('What the node\'s agent reported it can run (null until it says)'),
    status: ZNodeStatus,
    agentVersion: z.string().nullable(),
    hostname: z.string().nullable(),
    desiredRevision: z.number().int(),
    appliedRevision: z.number().int().describe('-1 until the agent applied a revision'),
    lastHeartbeatAt: z.string().datetime({ offset: true }).nullable(),
    enrolledAt: z.string().datetime({ offset: true }).nullable(),
    createdAt: z.string().datetime({ offset: true }),
  })
  .meta({ id: 'EdgeNode' });
export type TEdgeNode = z.infer<typeof ZEdgeNode>;
export const ZEdgeNodePage = ZPage(ZEdgeNode).meta({ id: 'EdgeNodePage' });
export type TEdgeNodePage = z.infer<typeof ZEdgeNodePage>;

export const ZNodeListQuery = ZPageQuery.extend({
  q: z.string().trim().min(1).max(100).optional().describe('Part of the name, address or city'),
  status: ZNodeStatus.optional(),
  groupId: z.string().uuid().optional(),
  label: z.string().max(200).optional().describe('A label selector: `key=value,key2=value2` (every pair must match)'),
});

/** A node as the map shows it (on the wire as a row of map-node-wire's ZMapNodeList). */
export const ZMapNode = z.object({
  id: z.string().uuid(),
  name: z.string(),
  lat: z.number(),
  lng: z.number(),
  status: ZNodeStatus,
  province: z.string(),
  city: z.string(),
  district: z.string(),
  groupId: z.string().uuid().nullable(),
  labels: ZLabels,
  appIds: z.array(z.string().uuid()).describe('Apps with an instance on the node'),
});
export type TMapNode = z.infer<typeof ZMapNode>;
export const ZMapNodeQuery = z.object({
  status: ZNodeStatus.optional(),
  province: z.string().max(60).optional(),
  city: z.string().max(60).optional(),
  groupId: z.string().uuid().optional(),
  label: z.string().max(200).optional(),
  appId: z.string().uuid().optional().describe('Only nodes running an instance of this app'),
  q: z.string().trim().min(1).max(100).optional(),
});

export const ZNodeGroup = z
  .object({ id: z.string().uuid(), name: z.string(), description: z.string(), nodeCount: z.number().int(), createdAt: z.string().datetime({ offset: true }) })
  .meta({ id: 'NodeGroup' });
export type TNodeGroup = z.infer<typeof ZNodeGroup>;
export const ZNodeGroupWrite = z.object({ name: z.string().trim().min(1).max(80), description: z.string().trim().max(500).default('') });

export const ZEnrolmentTicket = z
  .object({
    nodeId: z.string().uuid(),
    token: z.string().describe('Shown once; single use'),
    expiresAt: z.string().datetime({ offset: true }),
    command: z.string().describe('The one-line command to run on the node'),
  })
  .meta({ id: 'EnrolmentTicket' });
export type TEnrolmentTicket = z.infer<typeof ZEnrolmentTicket>;

export const ZMetricPoint = ZNodeMetrics.extend({ at: z.string().datetime({ offset: true }) });
export const ZNodeDetail = z
  .object({
    node: ZEdgeNode,
    metrics: z.array(ZMetricPoint).describe('The last hour, oldest first'),
    instances: z.array(ZInstanceStatus.extend({ appId: z.string().uuid(), appName: z.string(), version: z.string() })),
    services: z.array(ZRegisteredService),
  })
  .meta({ id: 'EdgeNodeDetail' });
export type TNodeDetail = z.infer<typeof ZNodeDetail>;

export const ZNodeParams = z.object({ nodeId: z.string().uuid() });
export const ZNodeGroupParams = z.object({ groupId: z.string().uuid() });
