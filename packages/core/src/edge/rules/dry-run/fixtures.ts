/** Rules and nodes for the dry run's tests and its benchmark: small builders with sane defaults. */
import type { TDnsRule, TTrafficRule } from '@mecport/contracts/mec011';
import type { TDryRunNodeInput, TInstanceRuleSet, TUpfAdapterKind } from './dry-run-input';

export type TTrafficFilter = TTrafficRule['trafficFilter'][number];

export const APP_A = '00000000-0000-4000-8000-00000000000a';
export const APP_B = '00000000-0000-4000-8000-00000000000b';
export const NODE_ID = '00000000-0000-4000-8000-0000000000f1';

/** A FORWARD_DECAPSULATED of 198.51.100.0/24 to 10.0.0.7 at priority 10, ACTIVE, unless `over` says otherwise. */
export function traffic(trafficRuleId: string, over: Partial<TTrafficRule> & { filter?: TTrafficFilter } = {}): TTrafficRule {
  const { filter, ...rest } = over;
  return {
    trafficRuleId, filterType: 'FLOW', priority: 10, action: 'FORWARD_DECAPSULATED', state: 'ACTIVE',
    trafficFilter: [filter ?? { dstAddress: ['198.51.100.0/24'] }],
    dstInterface: { interfaceType: 'IP', dstIpAddress: '10.0.0.7' },
    ...rest,
  };
}

/** hello-edge.mec.example -> 10.0.0.7, TTL 30, ACTIVE, unless `over` says otherwise. */
export function dns(dnsRuleId: string, over: Partial<TDnsRule> = {}): TDnsRule {
  return { dnsRuleId, domainName: 'hello-edge.mec.example', ipAddressType: 'IP_V4', ipAddress: '10.0.0.7', ttl: 30, state: 'ACTIVE', ...over };
}

export function instance(appInstanceId: string, appName: string, trafficRules: TTrafficRule[], dnsRules: TDnsRule[] = []): TInstanceRuleSet {
  return { appInstanceId, appName, trafficRules, dnsRules };
}

export function nodeInput(after: TInstanceRuleSet[], before: TInstanceRuleSet[] = after, adapter: TUpfAdapterKind = 'memory'): TDryRunNodeInput {
  return { nodeId: NODE_ID, nodeName: 'edge-1', adapter, before, after };
}
