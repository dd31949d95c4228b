/**
 * The edge channel between the portal and the MEP agents (`/api/v1/edge/...`): enrolment, the
 * per-node desired-state document with its revision, what the agent reports back, and heartbeats.
 * The agent authenticates every call after enrolment with a short-lived EdDSA JWT it signs with
 * the key pair it made at enrolment (see EDGE_TOKEN_AUDIENCE).
 *
 * @example ZDesiredState.parse({ nodeId: '…', revision: 3, heartbeatIntervalSec: 10, appInstances: [] });
 */
import { z } from 'zod';
import { ZSha256Hex } from './store-app';
import { ZMp1DnsRule, ZMp1TrafficRule } from './mp1-rules';
import { ZDataPlane } from './data-plane';
import { ZRuleResult } from './edge-rules';
import { ZAgentRuntime, ZDesiredContainer, ZNodeRuntime, ZRanImage } from './container-runtime';

/** The `aud` of the JWTs agents sign for the portal. */
export const EDGE_TOKEN_AUDIENCE = 'mecport-edge';
/** Longest lifetime the portal accepts for an agent-signed JWT (`exp - iat`), in seconds. */
export const EDGE_TOKEN_MAX_LIFETIME_SEC = 300;

export const ZEd25519PublicJwk = z
  .object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a base64url Ed25519 public key') })
  .describe('The agent\'s public key (JWK, RFC 8037)');
export type TEd25519PublicJwk = z.infer<typeof ZEd25519PublicJwk>;

export const CPU_ARCHITECTURES = ['x86_64', 'aarch64'] as const;
export const ZNodeCapacity = z.object({
  architecture: z.enum(CPU_ARCHITECTURES),
  cpuCores: z.number().int().min(1).max(4096),
  memoryMb: z.number().int().min(64),
  gpus: z.number().int().min(0).max(64).default(0),
  npus: z.number().int().min(0).max(64).default(0),
});
export type TNodeCapacity = z.infer<typeof ZNodeCapacity>;

export const ZEnrolRequest = z.object({
  token: z.string().min(20).max(200).describe('The one-time enrolment token the portal showed'),
  publicKey: ZEd25519PublicJwk,
  agentVersion: z.string().min(1).max(40),
  hostname: z.string().min(1).max(253),
  capacity: ZNodeCapacity.optional().describe('What the agent found on its host'),
  runtimes: z.array(ZAgentRuntime).max(8).optional().describe('What the agent can run here (absent from older agents: process)'),
});
export type TEnrolRequest = z.infer<typeof ZEnrolRequest>;

export const ZEnrolResponse = z.object({
  nodeId: z.string().uuid(),
  nodeName: z.string(),
  credentialId: z.string().uuid().describe('The JWT `kid` the agent signs with'),
  audience: z.literal(EDGE_TOKEN_AUDIENCE),
  heartbeatIntervalSec: z.number().int().min(1),
});
export type TEnrolResponse = z.infer<typeof ZEnrolResponse>;

export const INSTANCE_DESIRED_STATES = ['RUNNING', 'STOPPED'] as const;

/** One app instance as the portal wants it on a node. */
export const ZDesiredAppInstance = z.object({
  appInstanceId: z.string().uuid(),
  appDId: z.string().min(1),
  appName: z.string().min(1),
  appVersionId: z.string().uuid(),
  version: z.string().min(1),
  package: z.object({
    sha256: ZSha256Hex,
    size: z.number().int().min(0),
    path: z.string().startsWith('/api/v1/edge/').describe('Where the agent downloads it, relative to the portal URL'),
  }),
  desiredState: z.enum(INSTANCE_DESIRED_STATES),
  env: z.record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/), z.string().max(4096)).default({}),
  trafficRules: z.array(ZMp1TrafficRule).default([]),
  dnsRules: z.array(ZMp1DnsRule).default([]),
  /** Seconds the app gets between AppTerminationNotification and being stopped. */
  gracefulTerminationSec: z.number().int().min(0).max(3600).default(10),
  /** Present for a container app: its images (absent: a process bundle). */
  container: ZDesiredContainer.optional(),
});
export type TDesiredAppInstance = z.infer<typeof ZDesiredAppInstance>;

/** A node's callback allow-list as it travels (the portal validates each range with @mecport/url-policy). */
export const ZCallbackAllowCidrs = z
  .array(z.string().trim().min(1).max(64))
  .max(32)
  .describe('Address ranges (CIDR) the apps on this node may receive Mp1 notifications in, besides loopback on their own declared ports');

/** The desired-state document of a node. `revision` only grows. */
export const ZDesiredState = z.object({
  nodeId: z.string().uuid(),
  revision: z.number().int().min(0),
  heartbeatIntervalSec: z.number().int().min(1).max(3600),
  appInstances: z.array(ZDesiredAppInstance),
  /** The node's callbackAllowCidrs (absent from documents of older portals: none). */
  callbackAllowCidrs: ZCallbackAllowCidrs.default([]),
  /** Which adapter applies the instances' rules here (absent from older portals: memory). */
  dataPlane: ZDataPlane.default({ adapter: 'memory', settings: {} }),
  /** The node's rule-set version the instances' rules are (0: only the AppDs' rules so far). */
  ruleSetVersion: z.number().int().min(0).default(0),
  /** The node's runtime setting (absent from older portals: process apps only). */
  runtime: ZNodeRuntime.default({ container: 'none', registries: [] }),
});
export type TDesiredState = z.infer<typeof ZDesiredState>;

export const ZDesiredStateQuery = z.object({
  after: z.coerce.number().int().min(-1).default(-1).describe('The revision the agent has; the call waits until a newer one exists'),
  waitSec: z.coerce.number().int().min(0).max(60).default(30).describe('How long to hold the request open (long-poll)'),
});

export const INSTANCE_STATES = ['PENDING', 'DOWNLOADING', 'STARTING', 'RUNNING', 'STOPPING', 'STOPPED', 'CRASH_LOOP', 'FAILED', 'REMOVED'] as const;
export const ZInstanceState = z.enum(INSTANCE_STATES);
export type TInstanceState = z.infer<typeof ZInstanceState>;

/**
 * The agent's status messages as stable codes (the English `message` stays beside them), so that
 * every reader can show them in its own language. Parameters: exited {exitCode}, killed {signal},
 * health_failed {failures}, start_failed {error}, prepare_failed {error}, stopping {graceSec};
 * any of the first five may add restartInSec (a restart is scheduled).
 */
export const INSTANCE_MESSAGE_CODES = ['exited', 'killed', 'health_failed', 'start_failed', 'exited_unknown', 'prepare_failed', 'stopping', 'adopted'] as const;
export const ZInstanceMessageCode = z.enum(INSTANCE_MESSAGE_CODES);
export type TInstanceMessageCode = z.infer<typeof ZInstanceMessageCode>;
export const ZMessageParams = z.record(z.string().max(40), z.union([z.string().max(2000), z.number()]));
export type TMessageParams = z.infer<typeof ZMessageParams>;

export const ZInstanceStatus = z.object({
  appInstanceId: z.string().uuid(),
  state: ZInstanceState,
  restarts: z.number().int().min(0).default(0),
  ready: z.boolean().default(false).describe('The app called Mp1 confirm_ready'),
  message: z.string().max(2000).nullable().default(null),
  /** `message` as a stable code and parameters (absent from older agents). */
  messageCode: ZInstanceMessageCode.nullable().optional(),
  messageParams: ZMessageParams.nullable().optional(),
  /** Set when a package failed its digest check. */
  digestMismatch: z.boolean().default(false),
  /** A container app's images as they ran (absent for process apps and from older agents). */
  images: z.array(ZRanImage).max(16).optional(),
});
export type TInstanceStatus = z.infer<typeof ZInstanceStatus>;

/** What the agent reports after applying (or failing to apply) a revision. */
export const ZNodeReport = z.object({
  appliedRevision: z.number().int().min(0),
  outcome: z.enum(['applied', 'failed']),
  message: z.string().max(2000).nullable().default(null),
  instances: z.array(ZInstanceStatus),
  /** Every rule's outcome on the data plane; `applied` is sent only when the adapter confirmed each rule. */
  ruleResults: z.array(ZRuleResult).max(20_000).optional(),
});
export type TNodeReport = z.infer<typeof ZNodeReport>;

export const ZNodeMetrics = z.object({
  cpuPercent: z.number().min(0).max(100),
  memUsedBytes: z.number().int().min(0),
  memTotalBytes: z.number().int().min(0),
  diskUsedBytes: z.number().int().min(0),
  diskTotalBytes: z.number().int().min(0),
  load1: z.number().min(0),
  load5: z.number().min(0),
  load15: z.number().min(0),
});
export type TNodeMetrics = z.infer<typeof ZNodeMetrics>;

export const ZRegisteredService = z.object({
  serInstanceId: z.string(),
  serName: z.string(),
  appInstanceId: z.string().uuid(),
  state: z.enum(['ACTIVE', 'INACTIVE']),
  version: z.string(),
});

export const ZHeartbeat = z.object({
  agentVersion: z.string().min(1).max(40),
  appliedRevision: z.number().int().min(-1),
  metrics: ZNodeMetrics,
  instances: z.array(ZInstanceStatus).max(500),
  services: z.array(ZRegisteredService).max(2000).default([]),
  /** What the agent can run now (absent from older agents). */
  runtimes: z.array(ZAgentRuntime).max(8).optional(),
});
export type THeartbeat = z.infer<typeof ZHeartbeat>;

/** The tail of an app instance's log, pushed by the agent when it changed. */
export const ZInstanceLogTail = z.object({
  appInstanceId: z.string().uuid(),
  lines: z.array(z.string().max(4000)).max(500),
});
export type TInstanceLogTail = z.infer<typeof ZInstanceLogTail>;
