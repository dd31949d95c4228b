/**
 * MEC 011 v2.1.1 TrafficRule and DnsRule, the model every rule has at the portal and on the agent
 * (STANDARDS.md §2.3). Field names follow the spec literally (`qCI`, `dSCP`, `tC`).
 * MEC 010-2 AppD rules use other action names; see MEC010_TO_MEC011_ACTION.
 */
import { z } from 'zod';

export const MP1_TRAFFIC_ACTIONS = ['DROP', 'FORWARD_DECAPSULATED', 'FORWARD_ENCAPSULATED', 'PASSTHROUGH', 'DUPLICATE_DECAPSULATED', 'DUPLICATE_ENCAPSULATED'] as const;
export const ZMp1RuleState = z.enum(['ACTIVE', 'INACTIVE']);

/** MEC 010-2 AppD `TrafficRuleDescriptor.action` -> MEC 011 `TrafficRule.action`. */
export const MEC010_TO_MEC011_ACTION: Record<string, (typeof MP1_TRAFFIC_ACTIONS)[number]> = {
  DROP: 'DROP',
  FORWARD_DECAPSULATED: 'FORWARD_DECAPSULATED',
  FORWARD_AS_IS: 'FORWARD_ENCAPSULATED',
  PASSTHROUGH: 'PASSTHROUGH',
  DUPLICATED_DECAPSULATED: 'DUPLICATE_DECAPSULATED',
  DUPLICATE_AS_IS: 'DUPLICATE_ENCAPSULATED',
};

const strings = z.array(z.string().max(200)).max(64);
export const ZMp1TrafficFilter = z.object({
  srcAddress: strings.optional(),
  dstAddress: strings.optional(),
  srcPort: strings.optional(),
  dstPort: strings.optional(),
  protocol: strings.optional(),
  token: strings.optional(),
  srcTunnelAddress: strings.optional(),
  tgtTunnelAddress: strings.optional(),
  srcTunnelPort: strings.optional(),
  dstTunnelPort: strings.optional(),
  qCI: z.number().int().optional(),
  dSCP: z.number().int().optional(),
  tC: z.number().int().optional(),
});

export const ZMp1DestinationInterface = z.object({
  interfaceType: z.enum(['TUNNEL', 'MAC', 'IP']),
  tunnelInfo: z
    .object({ tunnelType: z.enum(['GTP_U', 'GRE']), tunnelDstAddress: z.string().optional(), tunnelSrcAddress: z.string().optional() })
    .optional(),
  srcMacAddress: z.string().optional(),
  dstMacAddress: z.string().optional(),
  dstIpAddress: z.string().optional(),
});

export const ZMp1TrafficRule = z.object({
  trafficRuleId: z.string().min(1).max(200),
  filterType: z.enum(['FLOW', 'PACKET']),
  priority: z.number().int().min(0).max(255),
  trafficFilter: z.array(ZMp1TrafficFilter).min(1),
  action: z.enum(MP1_TRAFFIC_ACTIONS),
  dstInterface: z.array(ZMp1DestinationInterface).max(2).optional(),
  state: ZMp1RuleState,
});
export type TMp1TrafficRule = z.infer<typeof ZMp1TrafficRule>;

export const ZMp1DnsRule = z.object({
  dnsRuleId: z.string().min(1).max(200),
  domainName: z.string().min(1).max(253),
  ipAddressType: z.enum(['IP_V4', 'IP_V6']),
  ipAddress: z.string().min(2).max(45),
  ttl: z.number().int().min(0).optional(),
  state: ZMp1RuleState,
});
export type TMp1DnsRule = z.infer<typeof ZMp1DnsRule>;
