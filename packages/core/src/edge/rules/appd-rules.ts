/**
 * An app instance's initial traffic and DNS rules come from its AppD (MEC 010-2 v2.1.1
 * TrafficRuleDescriptor / DNSRuleDescriptor), projected into the MEC 011 model the portal, the
 * agent and Mp1 share. The two standards spell the same things differently (STANDARDS.md §1.6,
 * §2.3, §9), so every difference is mapped here, explicitly:
 * - actions: FORWARD_AS_IS, DUPLICATED_DECAPSULATED, DUPLICATE_AS_IS are MEC 011's
 *   FORWARD_ENCAPSULATED, DUPLICATE_DECAPSULATED, DUPLICATE_ENCAPSULATED;
 * - the tunnel type `GTP-U` (MEC 010-2, MEC 037) is MEC 011's `GTP_U`;
 * - InterfaceDescriptor's srcMACAddress / dstMACAddress / dstIPAddress are srcMacAddress / ...;
 * - MEC 010-2 allows two destination interfaces (DUPLICATE_*), a MEC 011 TrafficRule carries one:
 *   the first is kept;
 * - the filter's `tag` is MEC 011's `token`; TOSCA's snake_case `qci` / `dscp` / `tc` are `qCI` /
 *   `dSCP` / `tC`.
 * A rule that still does not fit the model is left out, not guessed.
 *
 * @example trafficRulesOf(version.appd) // TTrafficRule[] with state ACTIVE
 */
import { MP1_TRAFFIC_ACTIONS, ZMp1DnsRule as ZDnsRule, ZMp1TrafficRule as ZTrafficRule, type TMp1DnsRule as TDnsRule, type TMp1TrafficRule as TTrafficRule } from '@mecport/contracts';

type TMec011Action = (typeof MP1_TRAFFIC_ACTIONS)[number];

/** MEC 010-2 AppD `TrafficRuleDescriptor.action` -> MEC 011 `TrafficRule.action`. */
export const MEC010_TO_MEC011_ACTION: Readonly<Record<string, TMec011Action>> = {
  DROP: 'DROP',
  FORWARD_DECAPSULATED: 'FORWARD_DECAPSULATED',
  FORWARD_AS_IS: 'FORWARD_ENCAPSULATED',
  PASSTHROUGH: 'PASSTHROUGH',
  DUPLICATED_DECAPSULATED: 'DUPLICATE_DECAPSULATED',
  DUPLICATE_AS_IS: 'DUPLICATE_ENCAPSULATED',
};

/** MEC 010-2 / MEC 037 tunnel type -> MEC 011 `TunnelInfo.tunnelType`. */
const TUNNEL_TYPES: Readonly<Record<string, 'GTP_U' | 'GRE'>> = { 'GTP-U': 'GTP_U', GTP_U: 'GTP_U', GRE: 'GRE' };

type TLoose = Record<string, unknown>;
const objectOr = (v: unknown): TLoose | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as TLoose) : undefined);
function arrayOf(v: unknown): TLoose[] {
  if (!Array.isArray(v)) return objectOr(v) ? [v as TLoose] : [];
  return (v as unknown[]).flatMap<TLoose>((x) => objectOr(x) ?? []);
}

function toTunnel(t: TLoose | undefined): TLoose | undefined {
  if (!t) return undefined;
  return { tunnelType: TUNNEL_TYPES[String(t.tunnelType)] ?? t.tunnelType, tunnelDstAddress: t.tunnelDstAddress, tunnelSrcAddress: t.tunnelSrcAddress };
}

function toDestination(i: TLoose | undefined): TLoose | undefined {
  if (!i) return undefined;
  return {
    interfaceType: i.interfaceType, tunnelInfo: toTunnel(objectOr(i.tunnelInfo)),
    srcMacAddress: i.srcMACAddress ?? i.srcMacAddress, dstMacAddress: i.dstMACAddress ?? i.dstMacAddress, dstIpAddress: i.dstIPAddress ?? i.dstIpAddress,
  };
}

function toFilter(f: TLoose): TLoose {
  const { tag, qci, dscp, tc, ...rest } = f;
  return { ...rest, token: rest.token ?? tag, qCI: rest.qCI ?? qci, dSCP: rest.dSCP ?? dscp, tC: rest.tC ?? tc };
}

/** One MEC 010-2 TrafficRuleDescriptor as a MEC 011 TrafficRule, or null when it does not fit. */
export function trafficRuleFromAppd(r: TLoose): TTrafficRule | null {
  const parsed = ZTrafficRule.safeParse({
    trafficRuleId: r.trafficRuleId, filterType: r.filterType, priority: r.priority, trafficFilter: arrayOf(r.trafficFilter).map(toFilter),
    action: MEC010_TO_MEC011_ACTION[String(r.action)], dstInterface: toDestination(arrayOf(r.dstInterface)[0]), state: 'ACTIVE',
  });
  return parsed.success ? parsed.data : null;
}

export function trafficRulesOf(appd: unknown): TTrafficRule[] {
  return arrayOf(objectOr(appd)?.appTrafficRule).flatMap((r) => trafficRuleFromAppd(r) ?? []);
}

export function dnsRulesOf(appd: unknown): TDnsRule[] {
  return arrayOf(objectOr(appd)?.appDNSRule).flatMap((r) => {
    const parsed = ZDnsRule.safeParse({ dnsRuleId: r.dnsRuleId, domainName: r.domainName, ipAddressType: r.ipAddressType, ipAddress: r.ipAddress, ttl: r.ttl, state: 'ACTIVE' });
    return parsed.success ? [parsed.data] : [];
  });
}
