/**
 * An app instance's current rules. Stored on the instance once edited; until then (null) they are
 * its AppD's, read from its version's AppD each time rather than copied when the instance is
 * created: a deployment creates 1,000 instances in one set-based statement that never has to
 * parse an AppD, an upgrade of a never-edited instance brings the new version's AppD rules with
 * it, and the AppD's rules are not stored twice. An instance whose rules were edited keeps them
 * across upgrades (the operator's word wins over the new AppD's).
 */
import type { TMp1DnsRule, TMp1TrafficRule } from '@mecport/contracts';
import { dnsRulesOf, trafficRulesOf } from './appd-rules';

export interface TInstanceRules { trafficRules: TMp1TrafficRule[]; dnsRules: TMp1DnsRule[] }
export interface TStoredRules { trafficRules: unknown; dnsRules: unknown; appVersion: { appd: unknown } }

/**
 * The rules an instance has now: stored ones where edited, else its AppD's (each kind on its own).
 * Stored rules are not parsed again: only the strict rule schemas write them (this runs for every
 * instance of every desired state the agents fetch).
 */
export function currentRules(instance: TStoredRules): TInstanceRules {
  return {
    trafficRules: instance.trafficRules === null ? trafficRulesOf(instance.appVersion.appd) : (instance.trafficRules as TMp1TrafficRule[]),
    dnsRules: instance.dnsRules === null ? dnsRulesOf(instance.appVersion.appd) : (instance.dnsRules as TMp1DnsRule[]),
  };
}
