/**
 * MEC 011 v2.1.1 TrafficRule and DnsRule, the model every rule has at the portal and on the agent
 * (STANDARDS.md §2.3): the very schemas the Mp1 API validates with (`./mec011`, which
 * `@mecport/mp1` imports), so the portal, the agent and Mp1 cannot drift apart. MEC 010-2 AppD
 * rules use other action names and up to two destination interfaces: the one explicit mapping is
 * `@mecport/core`'s edge rules feature (`edge/rules/appd-rules.ts`).
 */
import { ZDnsRule, ZTrafficRule, ZTrafficRuleAction, type TDnsRule, type TTrafficRule } from './mec011/app-support';

export const MP1_TRAFFIC_ACTIONS = ZTrafficRuleAction.options;
export const ZMp1TrafficRule = ZTrafficRule;
export const ZMp1DnsRule = ZDnsRule;
export type TMp1TrafficRule = TTrafficRule;
export type TMp1DnsRule = TDnsRule;
