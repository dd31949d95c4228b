/**
 * The contract every data-plane adapter will implement (issue 12 builds the adapters). Rules are
 * always in the MEC 011 model at the portal and on the agent; an adapter translates them for its
 * data plane and says, per rule, what happened. Nothing here is implemented yet: the agent does
 * not load this package until an adapter exists.
 *
 * @example
 *   const adapter: TUpfAdapter = createNftablesAdapter(settings); // issue 12
 *   const results = await adapter.apply({ appInstanceId, trafficRules, dnsRules });
 */
import type { TDnsRule, TTrafficRule } from '@mecport/contracts/mec011';

/** The data planes an adapter can drive; a node's validated settings choose one. */
export type TUpfAdapterKind = 'nftables' | 'nef' | 'camara' | 'memory';

/** An app instance's complete rule set: apply makes the data plane match it exactly (idempotent). */
export interface TInstanceRules {
  appInstanceId: string;
  trafficRules: TTrafficRule[];
  dnsRules: TDnsRule[];
}

/** The outcome of one rule; `reason` is what the operator sees when a rule is not applied. */
export interface TRuleResult {
  kind: 'traffic' | 'dns';
  ruleId: string;
  state: 'applied' | 'removed' | 'unsupported' | 'failed';
  reason?: string;
}

/** What a data plane can express, so a dry run can say before applying that a rule will not work. */
export interface TAdapterCapabilities {
  kind: TUpfAdapterKind;
  trafficActions: TTrafficRule['action'][];
  filterFields: string[];
  dns: boolean;
}

export interface TUpfAdapter {
  capabilities(): TAdapterCapabilities;
  /** Makes the instance's rules on the data plane exactly `rules`; safe to repeat. */
  apply(rules: TInstanceRules): Promise<TRuleResult[]>;
  /** Removes every rule of the instance; safe to repeat. */
  remove(appInstanceId: string): Promise<TRuleResult[]>;
  /** The rules the data plane holds now, for reconciling after an agent restart. */
  list(appInstanceId: string): Promise<TInstanceRules>;
}
