/**
 * A fleet's rule sets for the dry-run benchmark: NODES nodes, each with 5 app instances of 9
 * traffic rules and 1 DNS rule (50 rules a node), a realistic mix (UE ranges steered to the app,
 * service ports, IPv6, DROPs, mirrors, PASSTHROUGH, INACTIVE rules) with a conflict planted on
 * some nodes; and a change: one rule added to the first instance of every node.
 */
import type { TDnsRule, TTrafficRule } from '@mecport/contracts/mec011';
import type { TDryRunNodeInput, TInstanceRuleSet } from '@mecport/core';

type TUpfAdapterKind = TDryRunNodeInput['adapter'];

const uuid = (kind: number, n: number) => `00000000-0000-4000-8${kind.toString(16).padStart(3, '0')}-${n.toString(16).padStart(12, '0')}`;
const ADAPTERS: TUpfAdapterKind[] = ['nftables', 'nftables', 'nftables', 'nef', 'memory'];
const adapterOf = (node: number) => ADAPTERS[node % ADAPTERS.length]!;
const ACTIONS: TTrafficRule['action'][] = ['FORWARD_DECAPSULATED', 'FORWARD_DECAPSULATED', 'FORWARD_ENCAPSULATED', 'DROP', 'PASSTHROUGH', 'DUPLICATE_DECAPSULATED'];
/** What an operator puts on a NEF node: it steers or lets pass (a DROP there is planted below). */
const NEF_ACTIONS: TTrafficRule['action'][] = ['FORWARD_DECAPSULATED', 'FORWARD_ENCAPSULATED', 'PASSTHROUGH'];

function trafficRule(node: number, app: number, r: number, appIp: string): TTrafficRule {
  const actions = adapterOf(node) === 'nef' ? NEF_ACTIONS : ACTIONS;
  const action = actions[(node + app + r) % actions.length]!;
  const v6 = r % 4 === 3;
  const dst = v6 ? `2001:db8:${app.toString(16)}:${r.toString(16)}::/64` : `198.51.${app * 10 + r}.0/24`;
  return {
    trafficRuleId: `a${app}-r${r}`, filterType: 'FLOW', priority: 10 + app * 20 + r * 2, action,
    trafficFilter: [
      { srcAddress: [v6 ? '2001:db8:ffff::/48' : `10.${45 + (r % 3)}.0.0/16`], dstAddress: [dst], protocol: [r % 2 === 0 ? 'UDP' : 'TCP'], dstPort: [`${5000 + r * 10}-${5000 + r * 10 + 9}`] },
      ...(r % 3 === 0 ? [{ dstAddress: [v6 ? `2001:db8:${app.toString(16)}:ff${r}::/64` : `203.0.${app * 10 + r}.0/24`], dstPort: ['443'], protocol: ['TCP'] }] : []),
    ],
    dstInterface: action === 'DROP' ? undefined : { interfaceType: 'IP', dstIpAddress: appIp },
    state: r === 8 ? 'INACTIVE' : 'ACTIVE',
  };
}

function instanceRules(node: number, app: number): TInstanceRuleSet {
  const appIp = `10.0.${app}.7`;
  const trafficRules = Array.from({ length: 9 }, (_, r) => trafficRule(node, app, r, appIp));
  // The app's own address is steered to it, as a DNS answer needs.
  trafficRules[0] = { ...trafficRules[0]!, action: 'FORWARD_DECAPSULATED', dstInterface: { interfaceType: 'IP', dstIpAddress: appIp } };
  const dnsRules: TDnsRule[] = [{ dnsRuleId: `a${app}-dns`, domainName: `app${app}.mec.example`, ipAddressType: 'IP_V4', ipAddress: appIp, ttl: 30, state: 'ACTIVE' }];
  return { appInstanceId: uuid(2, node * 10 + app), appName: `app-${app}`, trafficRules, dnsRules };
}

/** Every 10th node: an overlap at one priority; every 25th: two apps claim one name; every 40th: a shadowed rule; every 15th: a DROP a NEF cannot express;
 * every 50th: a catch-all DROP; every 30th: a DNS answer no rule steers to. */
function plantConflicts(node: number, instances: TInstanceRuleSet[]): void {
  const [first, second] = [instances[0]!, instances[1]!];
  if (node % 10 === 0) second.trafficRules[1] = { ...second.trafficRules[1]!, priority: first.trafficRules[1]!.priority, trafficFilter: first.trafficRules[1]!.trafficFilter, action: 'DROP', dstInterface: undefined };
  if (node % 25 === 0) second.dnsRules[0] = { ...second.dnsRules[0]!, domainName: first.dnsRules[0]!.domainName };
  if (node % 15 === 3) second.trafficRules[3] = { ...second.trafficRules[3]!, action: 'DROP', dstInterface: undefined };
  if (node % 50 === 7) second.trafficRules[4] = { ...second.trafficRules[4]!, action: 'DROP', dstInterface: undefined, priority: 250, trafficFilter: [{}] };
  if (node % 30 === 11) second.dnsRules[0] = { ...second.dnsRules[0]!, ipAddress: '10.0.99.9' };
  if (node % 40 === 0) second.trafficRules[2] = { ...second.trafficRules[2]!, priority: 200, trafficFilter: [first.trafficRules[2]!.trafficFilter[0]!] };
}

export function ruleFleet(nodes: number): TDryRunNodeInput[] {
  return Array.from({ length: nodes }, (_, n) => {
    const before = Array.from({ length: 5 }, (_, app) => instanceRules(n, app));
    plantConflicts(n, before);
    const [first, ...rest] = before;
    const added: TTrafficRule = { ...trafficRule(n, 0, 9, '10.0.0.7'), trafficRuleId: 'change-1', priority: 5, action: 'FORWARD_DECAPSULATED' };
    const after = [{ ...first!, trafficRules: [...first!.trafficRules, added] }, ...rest];
    return { nodeId: uuid(1, n), nodeName: `edge-${n}`, adapter: adapterOf(n), before, after };
  });
}
