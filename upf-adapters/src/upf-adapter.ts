/**
 * The contract every data-plane adapter implements. Rules are always in the MEC 011 model at the
 * portal and on the agent; an adapter translates them for its data plane and says, per rule, what
 * happened. The agent applies a node's rule set only through this interface, and reports the node's
 * rules applied only when every result says `applied` (issue 12: "applied means applied").
 *
 * @example
 *   const adapter = createUpfAdapter(desired.dataPlane, { log });
 *   const results = await adapter.apply({ appInstanceId, trafficRules, dnsRules });
 */
import type { TDataPlane, TRuleResult } from '@mecport/contracts';
import type { TDnsRule, TTrafficRule } from '@mecport/contracts/mec011';

/** The data planes an adapter can drive; a node's validated settings choose one. */
export type TUpfAdapterKind = TDataPlane['adapter'];

/** An app instance's complete rule set: apply makes the data plane match it exactly (idempotent). */
export interface TInstanceRules {
  appInstanceId: string;
  /** The instance's AppD id: a NEF's afServiceId and EAS appId, the key of a CAMARA node's appIds setting. */
  appDId?: string;
  trafficRules: TTrafficRule[];
  dnsRules: TDnsRule[];
}

/** The outcome of one rule; `reason` is what the operator sees when a rule is not applied. */
export type { TRuleResult };

/** What a data plane can express, so a dry run can say before applying that a rule will not work. */
export interface TAdapterCapabilities {
  kind: TUpfAdapterKind;
  trafficActions: readonly TTrafficRule['action'][];
  /** TrafficFilter fields it can match on (MEC 011 names: srcAddress, dstPort, qCI, ...). */
  filterFields: readonly string[];
  /** Whether it can hold DNS rules itself (the agent's DNS server answers them on every adapter). */
  dns: boolean;
}

export interface TUpfAdapter {
  capabilities(): TAdapterCapabilities;
  /** Makes the instance's rules on the data plane exactly `rules`; safe to repeat. Only ACTIVE rules take effect. */
  apply(rules: TInstanceRules): Promise<TRuleResult[]>;
  /** Removes every rule of the instance; safe to repeat. */
  remove(appInstanceId: string): Promise<TRuleResult[]>;
  /** The rules the data plane holds now, for reconciling after an agent restart. */
  list(appInstanceId: string): Promise<TInstanceRules>;
  /** Releases what the adapter holds (timers, connections); the data plane's rules stay. */
  close?(): Promise<void>;
}
