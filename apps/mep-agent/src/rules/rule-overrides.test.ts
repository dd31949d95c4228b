import type { TDesiredAppInstance, TDesiredState } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import { effectiveRules, runningRuleSets, type TRuleOverride } from './rule-overrides';

const ID = '6d1f4a52-2a8e-4c3e-9a59-1f0b6f4f8c11';
const instance = {
  appInstanceId: ID,
  desiredState: 'RUNNING',
  trafficRules: [{ trafficRuleId: 'tr-1', filterType: 'FLOW', priority: 1, trafficFilter: [{ dstPort: ['8090'] }], action: 'PASSTHROUGH', state: 'ACTIVE' }],
  dnsRules: [{ dnsRuleId: 'dns-1', domainName: 'app.mec.example', ipAddressType: 'IP_V4', ipAddress: '10.0.0.1', state: 'ACTIVE' }],
} as unknown as TDesiredAppInstance;
const override = (supersededAt: number | null, kind: 'dns' | 'traffic' = 'dns'): TRuleOverride => ({ appInstanceId: ID, kind, ruleId: kind === 'dns' ? 'dns-1' : 'tr-1', state: 'INACTIVE', at: '2026-12-04T00:00:00Z', supersededAt });

describe('effective rules', () => {
  it('an app\'s switch holds until the portal took it, then until a desired state of the version that carries it', () => {
    expect(effectiveRules(instance, [override(null)], 99).dnsRules[0]!.state).toBe('INACTIVE');
    expect(effectiveRules(instance, [override(5)], 4).dnsRules[0]!.state).toBe('INACTIVE');
    expect(effectiveRules(instance, [override(5)], 5).dnsRules[0]!.state).toBe('ACTIVE'); // the desired state says it now
    expect(effectiveRules(instance, [override(null, 'traffic')], 0)).toMatchObject({ trafficRules: [{ state: 'INACTIVE' }], dnsRules: [{ state: 'ACTIVE' }] });
  });

  it('touches only the instance and rule it names', () => {
    expect(effectiveRules(instance, [{ ...override(null), appInstanceId: 'other' }, { ...override(null), ruleId: 'dns-2' }], 0).dnsRules[0]!.state).toBe('ACTIVE');
  });

  it('the rule sets in effect are those of the instances meant to run', () => {
    const doc = { ruleSetVersion: 1, appInstances: [instance, { ...instance, appInstanceId: 'stopped', desiredState: 'STOPPED' }] } as unknown as TDesiredState;
    expect(runningRuleSets(doc, []).map((r) => r.appInstanceId)).toEqual([ID]);
    expect(runningRuleSets(undefined, [])).toEqual([]);
  });
});
