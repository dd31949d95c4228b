/**
 * What each MEC 011 traffic rule of an instance needs from CAMARA Traffic Influence v0.10: an
 * intent for the app in this node's zone, for any device (`/traffic-influences`) or for one
 * device (`/traffic-influence-devices`), with at most one source port, destination port and
 * protocol. The operator platform holds one intent per app, zone and device ("any other new
 * intent for the same device will override the previous ones"), so two rules that need the same
 * one cannot both hold: the higher-priority rule keeps it and the other is reported. A per-device
 * intent never stands for, or replaces, the any-device one: they have different keys.
 * Pure: no I/O.
 */
import type { TTrafficRule } from '@mecport/contracts/mec011';
import type { TRulePlan } from '../api-client/sync-resources';
import { singleUe } from '../nef/flow-descriptions';
import type { TInstanceRules } from '../upf-adapter';
import type { TCamaraSettings } from './camara-settings';

export const ANY_DEVICE = 'traffic-influences';
export const ONE_DEVICE = 'traffic-influence-devices';

/** MEC 011 filter fields an intent has no place for, and why. */
const UNEXPRESSIBLE: Record<string, string> = {
  dstAddress: 'CAMARA routes to the app\'s instance in the zone: a destination address cannot be named',
  token: 'CAMARA intents cannot match a token', srcTunnelAddress: 'CAMARA intents cannot match tunnel fields', tgtTunnelAddress: 'CAMARA intents cannot match tunnel fields',
  srcTunnelPort: 'CAMARA intents cannot match tunnel fields', dstTunnelPort: 'CAMARA intents cannot match tunnel fields',
  qCI: 'CAMARA intents cannot match a QCI', dSCP: 'CAMARA intents cannot match DSCP', tC: 'CAMARA intents cannot match a traffic class',
};
/** IANA keywords (the spec's Protocol) for MEC 011 names and numbers. */
const KEYWORDS: Record<string, string> = { TCP: 'TCP', '6': 'TCP', UDP: 'UDP', '17': 'UDP', SCTP: 'SCTP', '132': 'SCTP', ICMP: 'ICMP', '1': 'ICMP', ICMPV6: 'IPv6-ICMP', '58': 'IPv6-ICMP', ESP: 'ESP', '50': 'ESP', GRE: 'GRE', '47': 'GRE' };

type TPlanBody = { resources: { key: string; api: string; body: unknown }[] } | { state: 'unsupported' | 'failed'; reason: string };
interface TIntent { ue: string; sourcePort?: number; destinationPort?: number; destinationProtocol?: string }

/** The operator platform's appId of an instance: the node's appIds setting, or an AppD id that is a UUID. */
export function appIdOf(appDId: string | undefined, s: TCamaraSettings): string | undefined {
  if (!appDId) return undefined;
  return s.appIds[appDId] ?? (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(appDId) ? appDId : undefined);
}

export function planInstance(rules: TInstanceRules, s: TCamaraSettings): TRulePlan[] {
  const claimed = new Map<string, string>(); // intent key → rule that holds it
  const byPriority = [...rules.trafficRules].sort((a, b) => a.priority - b.priority);
  const plans = new Map<string, TRulePlan>();
  for (const rule of byPriority) plans.set(rule.trafficRuleId, { kind: 'traffic', ruleId: rule.trafficRuleId, rule, ...planRule(rule, rules, s, claimed) });
  return [
    ...rules.trafficRules.map((r) => plans.get(r.trafficRuleId)!),
    // DNS is the agent's own DNS server's on a CAMARA node: the API has no place for it.
    ...rules.dnsRules.map((r): TRulePlan => ({ kind: 'dns', ruleId: r.dnsRuleId, rule: r, state: 'unsupported', reason: 'CAMARA Traffic Influence has no DNS; the agent\'s DNS server answers this name' })),
  ];
}

function planRule(rule: TTrafficRule, rules: TInstanceRules, s: TCamaraSettings, claimed: Map<string, string>): TPlanBody {
  if (rule.state !== 'ACTIVE') return { resources: [] };
  if (rule.action === 'DROP') return { state: 'unsupported', reason: 'CAMARA Traffic Influence routes an app\'s traffic to its instance in the zone; it cannot drop traffic' };
  if (rule.action.startsWith('DUPLICATE')) return { state: 'unsupported', reason: 'CAMARA Traffic Influence routes an app\'s traffic to its instance in the zone; it cannot mirror (duplicate) traffic' };
  if (rule.action === 'PASSTHROUGH') return { resources: [] }; // the network's default routing: no intent
  const field = Object.keys(UNEXPRESSIBLE).find((f) => rule.trafficFilter.some((filter) => { const v = filter[f as keyof typeof filter]; return v !== undefined && (!Array.isArray(v) || v.length > 0); }));
  if (field) return { state: 'unsupported', reason: UNEXPRESSIBLE[field]! };
  const appId = appIdOf(rules.appDId, s);
  if (!appId) return { state: 'failed', reason: `no CAMARA appId for AppD ${rules.appDId ?? '(unknown)'}: add it to the node's appIds setting` };

  const intents = intentsOf(rule);
  if ('reason' in intents) return { state: 'unsupported', reason: intents.reason };
  const holder = intents.map((i) => claimed.get(i.ue)).find((h) => h !== undefined);
  if (holder) return { state: 'unsupported', reason: `CAMARA holds one intent per app, zone and device: rule ${holder} (higher priority) already holds it here` };
  for (const i of intents) claimed.set(i.ue, rule.trafficRuleId);

  return {
    resources: intents.map((i) => {
      const device = singleUe(i.ue);
      const body = {
        apiConsumerId: s.apiConsumerId, appId, edgeCloudZoneId: s.edgeCloudZoneId,
        ...(i.sourcePort !== undefined ? { sourceTrafficFilters: { sourcePort: i.sourcePort } } : {}),
        ...(i.destinationPort !== undefined || i.destinationProtocol ? { destinationTrafficFilters: { ...(i.destinationPort !== undefined ? { destinationPort: i.destinationPort } : {}), ...(i.destinationProtocol ? { destinationProtocol: i.destinationProtocol } : {}) } } : {}),
        // No NAT between the UE and the rule's view of it: the same address is public and private.
        ...(device ? { device: 'ipv4Addr' in device ? { ipv4Address: { publicAddress: device.ipv4Addr, privateAddress: device.ipv4Addr } } : { ipv6Address: device.ipv6Addr } } : {}),
      };
      return { key: device ? `ue:${i.ue}` : 'any', api: device ? ONE_DEVICE : ANY_DEVICE, body };
    }),
  };
}

/** One intent per device (or any device); each must come down to one port/protocol combination. */
function intentsOf(rule: TTrafficRule): TIntent[] | { reason: string } {
  const byUe = new Map<string, Set<string>>();
  for (const f of rule.trafficFilter) {
    for (const ue of f.srcAddress?.length ? f.srcAddress : ['any']) {
      if (ue !== 'any' && !singleUe(ue)) return { reason: `CAMARA names one device or any device: ${ue} is a range` };
      for (const src of f.srcPort?.length ? f.srcPort : [undefined])
        for (const dst of f.dstPort?.length ? f.dstPort : [undefined])
          for (const proto of f.protocol?.length ? f.protocol : [undefined]) {
            if ([src, dst].some((p) => p !== undefined && !/^\d+$/.test(p))) return { reason: `CAMARA intents take single ports, not ranges (${[src, dst].filter(Boolean).join(', ')})` };
            const keyword = proto === undefined || proto.toUpperCase() === 'ANY' ? '' : KEYWORDS[proto.toUpperCase()];
            if (keyword === undefined) return { reason: `protocol ${proto} has no IANA keyword CAMARA knows` };
            const combos = byUe.get(ue) ?? byUe.set(ue, new Set()).get(ue)!;
            combos.add(JSON.stringify([src ?? null, dst ?? null, keyword]));
          }
    }
  }
  const intents: TIntent[] = [];
  for (const [ue, combos] of byUe) {
    if (combos.size > 1) return { reason: `CAMARA holds one intent per app, zone and device: the rule needs ${combos.size} port/protocol combinations for ${ue === 'any' ? 'any device' : ue}` };
    const [src, dst, proto] = JSON.parse([...combos][0]!) as [string | null, string | null, string];
    intents.push({ ue, ...(src ? { sourcePort: Number(src) } : {}), ...(dst ? { destinationPort: Number(dst) } : {}), ...(proto ? { destinationProtocol: proto } : {}) });
  }
  return intents;
}
