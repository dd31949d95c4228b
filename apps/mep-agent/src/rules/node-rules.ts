/**
 * The node's traffic and DNS rules in one place: what the applier applies after each revision
 * (data plane and DNS server), what Mp1 registers for each instance, and what happens when an app
 * switches one of its rules through Mp1: the switch holds (rule-overrides.ts), reaches the
 * data plane and the DNS server at once, and waits in the outbox for the portal.
 *
 * @example
 *   const rules = new NodeRules({ dataPlane, store, dns, log, onAppChange: () => channel.kickRuleStates() });
 *   rules.listen(mp1.registry);
 *   const results = await rules.apply(document);
 */
import type { TDesiredAppInstance, TDesiredState, TRuleResult } from '@mecport/contracts';
import type { Mp1Registry } from '@mecport/mp1';
import { dnsRecords } from '../dns/dns-records';
import type { DnsServer } from '../dns/dns-server';
import type { TLogger } from '../log';
import type { DataPlane } from './data-plane';
import { effectiveRules, runningRuleSets, type TRuleSet } from './rule-overrides';
import type { RuleStateStore, TRuleStateChange } from './rule-state-store';

/** What the reconciler and the applier need of the node's rules (a fake implements it in tests). */
export interface TRulesPort {
  /** The instance's rules in effect (the app's switches included), for Mp1. */
  effective(document: TDesiredState, instance: TDesiredAppInstance): TRuleSet;
  /** After a revision's instances are reconciled: rules onto the data plane and the DNS server; a result per rule. */
  apply(document: TDesiredState): Promise<TRuleResult[]>;
}

export interface TNodeRulesOptions {
  dataPlane: DataPlane;
  store: RuleStateStore;
  dns?: DnsServer;
  log: TLogger;
  /** An app switched a rule and it is applied: tell the portal. */
  onAppChange?(change: TRuleStateChange, results: TRuleResult[]): void;
}

export class NodeRules implements TRulesPort {
  private document: TDesiredState | undefined;

  constructor(private readonly options: TNodeRulesOptions) {}

  effective(document: TDesiredState, instance: TDesiredAppInstance): TRuleSet {
    return effectiveRules(instance, this.options.store.overrides, document.ruleSetVersion);
  }

  async apply(document: TDesiredState): Promise<TRuleResult[]> {
    await this.options.store.prune(document.ruleSetVersion);
    this.document = document;
    this.refreshDns();
    return this.options.dataPlane.apply(document.dataPlane, runningRuleSets(document, this.options.store.overrides));
  }

  get results(): TRuleResult[] {
    return this.options.dataPlane.results;
  }

  /** Mp1's rule events: an app PUT a rule with another state. */
  listen(registry: Mp1Registry): void {
    registry.on('trafficRuleChanged', ({ appInstanceId, rule }) => void this.appChanged({ appInstanceId, kind: 'traffic', ruleId: rule.trafficRuleId, state: rule.state, at: new Date().toISOString() }));
    registry.on('dnsRuleChanged', ({ appInstanceId, rule }) => void this.appChanged({ appInstanceId, kind: 'dns', ruleId: rule.dnsRuleId, state: rule.state, at: new Date().toISOString() }));
  }

  private async appChanged(change: TRuleStateChange): Promise<void> {
    const log = this.options.log.child({ appInstanceId: change.appInstanceId, ruleId: change.ruleId });
    try {
      const saved = this.options.store.record(change); // in effect at once, saved meanwhile
      this.refreshDns(); // before Mp1 answers the app's PUT: its next lookup sees the switch
      await saved;
      const document = this.document;
      const instance = document?.appInstances.find((i) => i.appInstanceId === change.appInstanceId && i.desiredState === 'RUNNING');
      const results = document && instance ? await this.options.dataPlane.applyInstance(document.dataPlane, this.effective(document, instance)) : [];
      log.info('an app switched its rule through Mp1', { kind: change.kind, state: change.state });
      this.options.onAppChange?.(change, results);
    } catch (error) {
      log.error('could not apply an app\'s rule switch', { error });
    }
  }

  private refreshDns(): void {
    this.options.dns?.setRecords(dnsRecords(runningRuleSets(this.document, this.options.store.overrides)));
  }
}
