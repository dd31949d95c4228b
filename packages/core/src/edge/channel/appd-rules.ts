/**
 * The traffic and DNS rules of an app instance come from its AppD (MEC 010-2), projected into the
 * MEC 011 model the agent and Mp1 use. Rules that do not fit the model are left out, not guessed.
 */
import { MEC010_TO_MEC011_ACTION, ZMp1DnsRule, ZMp1TrafficRule, type TMp1DnsRule, type TMp1TrafficRule } from '@mecport/contracts';

type TLoose = Record<string, unknown>;
const arrayOf = (v: unknown): TLoose[] => (Array.isArray(v) ? v.filter((x): x is TLoose => typeof x === 'object' && x !== null) : []);

function toDestination(i: TLoose): TLoose {
  return { interfaceType: i.interfaceType, tunnelInfo: i.tunnelInfo, srcMacAddress: i.srcMACAddress ?? i.srcMacAddress, dstMacAddress: i.dstMACAddress ?? i.dstMacAddress, dstIpAddress: i.dstIPAddress ?? i.dstIpAddress };
}

export function trafficRulesOf(appd: unknown): TMp1TrafficRule[] {
  return arrayOf((appd as TLoose | null)?.appTrafficRule).flatMap((r) => {
    const parsed = ZMp1TrafficRule.safeParse({
      trafficRuleId: r.trafficRuleId, filterType: r.filterType, priority: r.priority, trafficFilter: r.trafficFilter,
      // MEC 010-2 allows two interfaces (for DUPLICATE_*), MEC 011's TrafficRule carries one.
      action: MEC010_TO_MEC011_ACTION[String(r.action)], dstInterface: arrayOf(r.dstInterface).map(toDestination)[0], state: 'ACTIVE',
    });
    return parsed.success ? [parsed.data] : [];
  });
}

export function dnsRulesOf(appd: unknown): TMp1DnsRule[] {
  return arrayOf((appd as TLoose | null)?.appDNSRule).flatMap((r) => {
    const parsed = ZMp1DnsRule.safeParse({ dnsRuleId: r.dnsRuleId, domainName: r.domainName, ipAddressType: r.ipAddressType, ipAddress: r.ipAddress, ttl: r.ttl, state: 'ACTIVE' });
    return parsed.success ? [parsed.data] : [];
  });
}
