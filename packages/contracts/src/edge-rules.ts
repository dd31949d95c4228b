/**
 * Traffic and DNS rules as operators change them (`/api/v1/edge/rules/...`, issue 12): the strict
 * rule schemas the forms and the API share, a change request (which instances, which edits), the
 * dry-run report, a change's rollout per node, and a node's rule-set versions. Rules are MEC 011
 * TrafficRule / DnsRule (`./mec011`); these schemas only add what MEC 011 leaves as free strings.
 *
 * @example
 *   ZRuleChangeRequest.parse({ selection: { kind: 'group', groupId, appId }, edits: [{ op: 'putDns', rule }] });
 */
import { z } from 'zod';
import { ZDnsRule, ZRuleState, ZTrafficFilter, ZTrafficRule, ZDestinationInterface } from './mec011/app-support';
import { addressMatchesType, isAddressOrCidr, isDomainName, isPortOrRange, isProtocol } from './rule-values';

const listOf = (check: (v: string) => boolean, what: string) =>
  z.array(z.string().trim().refine(check, { message: `must be ${what}` })).max(64).optional();
const ADDRESSES = listOf(isAddressOrCidr, 'an IPv4 or IPv6 address or range (CIDR), e.g. 10.0.0.0/24');
const PORTS = listOf(isPortOrRange, 'a port 0-65535 or a range low-high, e.g. 8000-8080');

/** MEC 011 TrafficFilter with its strings checked; `qCI`, `dSCP`, `tC` keep the spec's casing. */
export const ZValidTrafficFilter = ZTrafficFilter.extend({
  srcAddress: ADDRESSES, dstAddress: ADDRESSES, srcPort: PORTS, dstPort: PORTS,
  protocol: listOf(isProtocol, 'TCP, UDP, SCTP, ICMP, ICMPV6, ESP, GRE, ANY or a protocol number 0-255'),
  srcTunnelAddress: ADDRESSES, tgtTunnelAddress: ADDRESSES, srcTunnelPort: PORTS, dstTunnelPort: PORTS,
  qCI: z.int().min(1).max(255).optional(),
  dSCP: z.int().min(0).max(63).optional(),
  tC: z.int().min(0).max(255).optional(),
});

export const ZValidDestinationInterface = ZDestinationInterface.extend({
  dstIpAddress: z.string().trim().refine((v) => isAddressOrCidr(v) && !v.includes('/'), { message: 'must be an IPv4 or IPv6 address' }).optional(),
});

const STEERING = ['FORWARD_DECAPSULATED', 'FORWARD_ENCAPSULATED', 'DUPLICATE_DECAPSULATED', 'DUPLICATE_ENCAPSULATED'];

/** MEC 011 says 0 is the highest priority and 255 the lowest. */
export const ZValidTrafficRule = ZTrafficRule.extend({
  trafficRuleId: z.string().trim().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a rule id is 1-64 letters, digits, dots, underscores or dashes'),
  priority: z.int().min(0).max(255),
  trafficFilter: z.array(ZValidTrafficFilter).min(1, 'a rule needs at least one traffic filter').max(16),
  dstInterface: ZValidDestinationInterface.optional(),
}).superRefine((rule, ctx) => {
  if (STEERING.includes(rule.action) && rule.dstInterface?.interfaceType === 'IP' && !rule.dstInterface.dstIpAddress) {
    ctx.addIssue({ code: 'custom', path: ['dstInterface', 'dstIpAddress'], message: `${rule.action} to an IP interface needs the destination address` });
  }
});
export type TValidTrafficRule = z.infer<typeof ZValidTrafficRule>;

export const ZValidDnsRule = ZDnsRule.extend({
  dnsRuleId: z.string().trim().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a rule id is 1-64 letters, digits, dots, underscores or dashes'),
  domainName: z.string().trim().refine(isDomainName, { message: 'must be a domain name of letters, digits, dots and dashes, e.g. app.mec.example' }),
  ipAddress: z.string().trim().min(1),
  ttl: z.int().min(0).max(604_800).optional(),
}).superRefine((rule, ctx) => {
  if (!addressMatchesType(rule.ipAddress, rule.ipAddressType)) {
    ctx.addIssue({ code: 'custom', path: ['ipAddress'], message: `must be an ${rule.ipAddressType === 'IP_V4' ? 'IPv4' : 'IPv6'} address, as ipAddressType says` });
  }
});
export type TValidDnsRule = z.infer<typeof ZValidDnsRule>;

/** Which app instances a change edits: some instances, or one app's instances on nodes, a group or a label selector. */
export const ZRuleSelection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('instances'), appInstanceIds: z.array(z.uuid()).min(1).max(10_000) }),
  z.object({ kind: z.literal('nodes'), nodeIds: z.array(z.uuid()).min(1).max(10_000), appId: z.uuid() }),
  z.object({ kind: z.literal('group'), groupId: z.uuid(), appId: z.uuid() }),
  z.object({ kind: z.literal('labels'), selector: z.string().min(3).max(200).describe('key=value[,key=value...]'), appId: z.uuid() }),
]);
export type TRuleSelection = z.infer<typeof ZRuleSelection>;

export const RULE_KINDS = ['traffic', 'dns'] as const;
export const ZRuleKind = z.enum(RULE_KINDS);

/** One edit, applied to every selected instance: put (add or replace by id), delete, or switch state. */
export const ZRuleEdit = z.discriminatedUnion('op', [
  z.object({ op: z.literal('putTraffic'), rule: ZValidTrafficRule }),
  z.object({ op: z.literal('putDns'), rule: ZValidDnsRule }),
  z.object({ op: z.literal('delete'), kind: ZRuleKind, ruleId: z.string().min(1).max(64) }),
  z.object({ op: z.literal('setState'), kind: ZRuleKind, ruleId: z.string().min(1).max(64), state: ZRuleState }),
]);
export type TRuleEdit = z.infer<typeof ZRuleEdit>;

export const ZRuleChangeRequest = z.object({
  selection: ZRuleSelection,
  edits: z.array(ZRuleEdit).min(1).max(200),
  note: z.string().trim().max(500).default('').describe('Why: shown in the audit trail'),
});
export type TRuleChangeRequest = z.infer<typeof ZRuleChangeRequest>;

/** What the dry run finds. Errors block the apply; warnings are shown and may be accepted. */
export const RULE_FINDING_CODES = [
  'overlap_same_priority', // two rules of the node match the same traffic at one priority
  'shadowed', // a higher-priority rule matches everything this one does: it can never match
  'fqdn_claimed_twice', // two app instances answer one domain name
  'catch_all_drop', // a DROP with no address, port or protocol: all traffic of the node
  'dns_address_not_steered', // a DNS rule's address is not one a FORWARD rule steers to that app here
  'unsupported_by_adapter', // the node's data plane cannot express the rule
  'instance_not_found', // an edit names a rule the instance does not have
] as const;
export const ZRuleFinding = z.object({
  code: z.enum(RULE_FINDING_CODES),
  severity: z.enum(['error', 'warning']),
  appInstanceId: z.uuid(),
  kind: ZRuleKind,
  ruleId: z.string(),
  other: z.object({ appInstanceId: z.uuid(), ruleId: z.string() }).optional().describe('The rule it conflicts with'),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  message: z.string().describe('English; the UI translates `code` with `params`'),
});
export type TRuleFinding = z.infer<typeof ZRuleFinding>;

export const ZRuleDiffEntry = z.object({
  appInstanceId: z.uuid(),
  kind: ZRuleKind,
  ruleId: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  before: z.union([ZTrafficRule, ZDnsRule]).optional(),
  after: z.union([ZTrafficRule, ZDnsRule]).optional(),
});

/** A flow whose fate changes, in words: `code` with `params` for the UI, `message` in English. */
export const FLOW_CHANGE_CODES = ['now_steered', 'no_longer_steered', 'destination_changed', 'now_dropped', 'no_longer_dropped', 'now_mirrored', 'no_longer_mirrored', 'dns_now_answers', 'dns_answer_changed', 'dns_no_longer_answers'] as const;
export const ZFlowChange = z.object({
  code: z.enum(FLOW_CHANGE_CODES),
  appInstanceId: z.uuid(),
  ruleId: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  message: z.string(),
});

export const ZDryRunNode = z.object({
  nodeId: z.uuid(),
  nodeName: z.string(),
  adapter: z.string(),
  findings: z.array(ZRuleFinding),
  diff: z.array(ZRuleDiffEntry),
  flows: z.array(ZFlowChange),
});
export type TDryRunNode = z.infer<typeof ZDryRunNode>;

export const ZDryRunReport = z.object({
  nodes: z.array(ZDryRunNode),
  totals: z.object({ nodes: z.int(), instances: z.int(), errors: z.int(), warnings: z.int(), changes: z.int() }),
  canApply: z.boolean().describe('No errors, and at least one change'),
});
export type TDryRunReport = z.infer<typeof ZDryRunReport>;

/** One node of an applied change: pending until its agent reports the revision, with the adapter's reason on failure. */
export const RULE_ROLLOUT_STATUSES = ['pending', 'applied', 'failed', 'superseded'] as const;
export const ZRuleRolloutNode = z.object({
  nodeId: z.uuid(),
  nodeName: z.string(),
  version: z.int().describe('The rule-set version this change made on the node'),
  revision: z.int().describe('The desired-state revision that carries it'),
  status: z.enum(RULE_ROLLOUT_STATUSES),
  reason: z.string().nullable(),
});

/** app: an app switched a rule's state through Mp1 (createdBy is then `app:<appInstanceId>`). */
export const RULE_CHANGE_KINDS = ['edit', 'restore', 'rollback', 'app'] as const;
export const ZRuleChange = z.object({
  id: z.uuid(),
  kind: z.enum(RULE_CHANGE_KINDS),
  note: z.string(),
  status: z.enum(['rolling_out', 'applied', 'failed', 'partially_failed']),
  counts: z.object({ pending: z.int(), applied: z.int(), failed: z.int(), superseded: z.int() }),
  nodes: z.array(ZRuleRolloutNode),
  diff: z.array(ZRuleDiffEntry.extend({ nodeId: z.uuid() })),
  createdBy: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  rollbackOf: z.uuid().nullable().describe('The change this one rolled back'),
}).meta({ id: 'RuleChange' });
export type TRuleChange = z.infer<typeof ZRuleChange>;

/** An instance's rules in one rule-set version of a node. */
export const ZInstanceRuleSet = z.object({
  appInstanceId: z.uuid(),
  appName: z.string(),
  trafficRules: z.array(ZTrafficRule),
  dnsRules: z.array(ZDnsRule),
});
export const ZRuleSetVersion = z.object({
  nodeId: z.uuid(),
  version: z.int(),
  changeId: z.uuid().nullable().describe('null for the version an instance\'s AppD made'),
  createdBy: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  instances: z.array(ZInstanceRuleSet),
});
export type TRuleSetVersion = z.infer<typeof ZRuleSetVersion>;

/** Where a rule stands on the node's data plane, as the agent last reported it. */
export const ZRuleStatus = z.object({
  appInstanceId: z.uuid(),
  kind: ZRuleKind,
  ruleId: z.string(),
  state: z.enum(['pending', 'applied', 'removed', 'unsupported', 'failed']),
  reason: z.string().nullable(),
  /** Set when the app switched the rule's state through Mp1. */
  stateChangedBy: z.string().nullable(),
});

/** `GET /api/v1/edge/nodes/:nodeId/rules`: what the map shows of a node's steering. */
export const ZNodeRules = z.object({
  nodeId: z.uuid(),
  adapter: z.string(),
  version: z.int(),
  appliedVersion: z.int().nullable(),
  instances: z.array(ZInstanceRuleSet),
  statuses: z.array(ZRuleStatus),
  dnsAnswers: z.array(z.object({ domainName: z.string(), ipAddress: z.string(), ttl: z.int().nullable(), appInstanceId: z.uuid(), appName: z.string() })),
});
export type TNodeRules = z.infer<typeof ZNodeRules>;

// --- the agent's side (edge channel) --------------------------------------------------------

/** One rule's outcome on the node's data plane, as the adapter said (`@mecport/upf-adapters`). */
export const ZRuleResult = z.object({
  appInstanceId: z.uuid(),
  kind: ZRuleKind,
  ruleId: z.string().max(256),
  state: z.enum(['applied', 'removed', 'unsupported', 'failed']),
  reason: z.string().max(2000).optional(),
});
export type TRuleResult = z.infer<typeof ZRuleResult>;

/** An app switched a rule through Mp1 (`PUT .../traffic_rules/{id}`); the agent tells the portal. */
export const ZRuleStateChange = z.object({
  appInstanceId: z.uuid(),
  kind: ZRuleKind,
  ruleId: z.string().max(256),
  state: ZRuleState,
  at: z.iso.datetime({ offset: true }),
});
/** `POST /api/v1/edge/rule-states`, by the agent; retried until taken. */
export const ZRuleStateReport = z.object({ changes: z.array(ZRuleStateChange).min(1).max(1000) });
export type TRuleStateReport = z.infer<typeof ZRuleStateReport>;
