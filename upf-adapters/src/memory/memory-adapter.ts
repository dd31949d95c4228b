/**
 * An adapter with no data plane: it keeps each instance's rules in memory and says every ACTIVE
 * rule is applied. For tests, and for nodes whose data plane is not managed by MECport (the demo
 * node): the portal shows the adapter's name so nobody mistakes it for enforcement.
 */
import type { TRuleResult } from '@mecport/contracts';
import { capabilitiesOf } from '../capabilities';
import type { TAdapterCapabilities, TInstanceRules, TUpfAdapter } from '../upf-adapter';

export class MemoryAdapter implements TUpfAdapter {
  private readonly held = new Map<string, TInstanceRules>();
  /** Rule ids that fail on apply, with the reason: lets tests make one node's data plane fail. */
  readonly failing = new Map<string, string>();

  capabilities(): TAdapterCapabilities {
    return capabilitiesOf('memory');
  }

  apply(rules: TInstanceRules): Promise<TRuleResult[]> {
    const results = [
      ...rules.trafficRules.map((r) => this.resultOf(rules.appInstanceId, 'traffic', r.trafficRuleId)),
      ...rules.dnsRules.map((r) => this.resultOf(rules.appInstanceId, 'dns', r.dnsRuleId)),
    ];
    if (results.every((r) => r.state === 'applied')) this.held.set(rules.appInstanceId, structuredClone(rules));
    return Promise.resolve(results);
  }

  remove(appInstanceId: string): Promise<TRuleResult[]> {
    const held = this.held.get(appInstanceId);
    this.held.delete(appInstanceId);
    if (!held) return Promise.resolve([]);
    return Promise.resolve([
      ...held.trafficRules.map((r): TRuleResult => ({ appInstanceId, kind: 'traffic', ruleId: r.trafficRuleId, state: 'removed' })),
      ...held.dnsRules.map((r): TRuleResult => ({ appInstanceId, kind: 'dns', ruleId: r.dnsRuleId, state: 'removed' })),
    ]);
  }

  list(appInstanceId: string): Promise<TInstanceRules> {
    return Promise.resolve(structuredClone(this.held.get(appInstanceId) ?? { appInstanceId, trafficRules: [], dnsRules: [] }));
  }

  private resultOf(appInstanceId: string, kind: 'traffic' | 'dns', ruleId: string): TRuleResult {
    const reason = this.failing.get(ruleId);
    return reason === undefined ? { appInstanceId, kind, ruleId, state: 'applied' } : { appInstanceId, kind, ruleId, state: 'failed', reason };
  }
}
