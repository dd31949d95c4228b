/**
 * What each MEC 011 rule of an instance needs at a NEF: a traffic rule becomes TS 29.522
 * TrafficInfluSub bodies (one any-UE subscription, or one per UE when the rule names single UE
 * addresses), a DNS rule an EasDeployInfo (3gpp-eas-deployment). Rules a NEF cannot express get
 * a reason instead. Pure: no I/O, so the mapping is tested without a NEF.
 */
import type { TDnsRule, TTrafficRule } from '@mecport/contracts/mec011';
import type { TRulePlan } from '../api-client/sync-resources';
import type { TInstanceRules } from '../upf-adapter';
import { flowDescription, flowsOf, singleUe, type TFlow } from './flow-descriptions';
import type { TNefSettings } from './nef-settings';

export const SUBSCRIPTIONS = 'subscriptions';
export const EAS_DEPLOYMENT = 'eas-deployment-info';

/** MEC 011 filter fields a TrafficInfluSub has no place for. */
const UNEXPRESSIBLE = ['token', 'srcTunnelAddress', 'tgtTunnelAddress', 'srcTunnelPort', 'dstTunnelPort', 'qCI'] as const;

/** `afTransId` of a rule's subscriptions: the notification handler reads the rule back from it. */
export const transIdOf = (appInstanceId: string, ruleId: string) => `${appInstanceId}:${ruleId}`;

export function planInstance(rules: TInstanceRules, settings: TNefSettings): TRulePlan[] {
  return [
    ...rules.trafficRules.map((r): TRulePlan => ({ kind: 'traffic', ruleId: r.trafficRuleId, rule: r, ...planTraffic(r, rules, settings) })),
    ...rules.dnsRules.map((r): TRulePlan => ({ kind: 'dns', ruleId: r.dnsRuleId, rule: r, ...planDns(r, rules, settings) })),
  ];
}

type TPlanBody = { resources: { key: string; api: string; body: unknown }[] } | { state: 'unsupported' | 'failed'; reason: string };

function planTraffic(rule: TTrafficRule, rules: TInstanceRules, s: TNefSettings): TPlanBody {
  if (rule.state !== 'ACTIVE') return { resources: [] };
  if (rule.action === 'DROP') return { state: 'unsupported', reason: 'a NEF (TS 29.522 traffic influence) routes traffic to a DNAI; it cannot drop it' };
  if (rule.action.startsWith('DUPLICATE')) return { state: 'unsupported', reason: 'a NEF (TS 29.522 traffic influence) routes traffic to a DNAI; it cannot mirror (duplicate) it' };
  // The 5GC's default path is what PASSTHROUGH asks for: no subscription.
  if (rule.action === 'PASSTHROUGH') return { resources: [] };
  const field = UNEXPRESSIBLE.find((f) => rule.trafficFilter.some((filter) => filter[f] !== undefined && (!Array.isArray(filter[f]) || filter[f].length > 0)));
  if (field) return { state: 'unsupported', reason: `TS 29.522 trafficFilters cannot match ${field}` };
  const route = routeOf(rule, s);
  if ('reason' in route) return { state: 'unsupported', reason: route.reason };
  const expanded = flowsOf(rule);
  if ('reason' in expanded) return { state: 'unsupported', reason: expanded.reason };

  const base = {
    ...(rules.appDId ? { afServiceId: rules.appDId } : {}),
    afTransId: transIdOf(rules.appInstanceId, rule.trafficRuleId),
    ...sessionScope(s),
    trafficRoutes: [route],
    ...(s.notificationDestination ? { notificationDestination: s.notificationDestination, subscribedEvents: ['UP_PATH_CHANGE'], dnaiChgType: s.dnaiChgType } : {}),
  };
  const body = (flows: TFlow[], ue: object) => ({ ...base, ...ue, trafficFilters: flows.map((f, i) => ({ flowId: i + 1, flowDescriptions: [flowDescription(f)], ...(f.tosTc ? { tosTC: f.tosTc } : {}) })) });
  // Single UEs go to the NEF one subscription each (the NEF takes them to the PCF); anything
  // wider is one any-UE subscription whose flow descriptions carry the addresses (to the UDR).
  if (expanded.flows.every((f) => singleUe(f.ue))) {
    const byUe = new Map<string, TFlow[]>();
    for (const f of expanded.flows) byUe.set(f.ue, [...(byUe.get(f.ue) ?? []), f]);
    return { resources: [...byUe].map(([ue, flows]) => ({ key: `ue:${ue}`, api: SUBSCRIPTIONS, body: body(flows, singleUe(ue)!) })) };
  }
  return { resources: [{ key: 'any', api: SUBSCRIPTIONS, body: body(expanded.flows, { anyUeInd: true }) }] };
}

function routeOf(rule: TTrafficRule, s: TNefSettings): { dnai: string; routeProfId: string } | { dnai: string; routeInfo: object } | { reason: string } {
  if (s.routeProfId) return { dnai: s.dnai, routeProfId: s.routeProfId };
  const target = rule.dstInterface?.dstIpAddress ?? rule.dstInterface?.tunnelInfo?.tunnelDstAddress;
  if (!target) return { reason: 'the rule names no destination address (dstInterface) and the node has no routeProfId setting: nothing to route to' };
  const host = target.split('/')[0]!;
  // MEC names no N6 tunnel port; 0 says "none".
  return { dnai: s.dnai, routeInfo: { ...(host.includes(':') ? { ipv6Addr: host } : { ipv4Addr: host }), portNumber: 0 } };
}

function sessionScope(s: TNefSettings) {
  return { ...(s.dnn ? { dnn: s.dnn } : {}), ...(s.snssaiSst !== undefined ? { snssai: { sst: s.snssaiSst, ...(s.snssaiSd ? { sd: s.snssaiSd.toLowerCase() } : {}) } } : {}) };
}

function planDns(rule: TDnsRule, rules: TInstanceRules, s: TNefSettings): TPlanBody {
  if (rule.state !== 'ACTIVE') return { resources: [] };
  if (s.easDeployment === 'off') return { state: 'unsupported', reason: 'EAS deployment is off in the node\'s settings: only the agent\'s DNS server answers this name' };
  const address = rule.ipAddressType === 'IP_V6' ? { ipv6Addr: rule.ipAddress } : { ipv4Addr: rule.ipAddress };
  const body = {
    ...(rules.appDId ? { afServiceId: rules.appDId, appId: rules.appDId } : {}),
    fqdnPatternList: [{ stringMatchingRule: { stringMatchingConditions: [{ matchingString: rule.domainName.replace(/\.$/, ''), matchingOperator: 'FULL_MATCH' }] } }],
    ...sessionScope(s),
    dnaiInfos: { [s.dnai]: { dnai: s.dnai, easIpAddrs: [address] } },
  };
  return { resources: [{ key: 'eas', api: EAS_DEPLOYMENT, body }] };
}
