/**
 * An app's own switch of a rule (ACTIVE / INACTIVE through Mp1) wins over the desired state's
 * older value until the portal's desired state carries it. The portal turns the agent's report
 * (`POST /api/v1/edge/rule-states`) into a new rule-set version of the node; until a desired
 * state with that version (or a later one) is applied, the override holds, so a revision
 * that was made before the portal saw the app's change cannot undo it.
 *
 * `supersededAt` is that version: null while the portal has not taken the report (the override
 * holds whatever arrives), then the version the portal answered with, or else the newest version
 * the agent had seen plus one.
 *
 * @example const { dnsRules } = effectiveRules(instance, overrides, document.ruleSetVersion);
 */
import { ZRuleKind, type TDesiredAppInstance, type TDesiredState } from '@mecport/contracts';
import { ZRuleState, type TDnsRule, type TTrafficRule } from '@mecport/contracts/mec011';
import { z } from 'zod';

export const ZRuleOverride = z.object({
  appInstanceId: z.string(),
  kind: ZRuleKind,
  ruleId: z.string(),
  state: ZRuleState,
  at: z.string(),
  supersededAt: z.number().int().nullable(),
});
export type TRuleOverride = z.infer<typeof ZRuleOverride>;

export interface TRuleSet {
  appInstanceId: string;
  trafficRules: TTrafficRule[];
  dnsRules: TDnsRule[];
}

export function holds(override: TRuleOverride, ruleSetVersion: number): boolean {
  return override.supersededAt === null || ruleSetVersion < override.supersededAt;
}

/** The instance's rules as they are in effect: the desired state's, with the app's own switches that still hold. */
export function effectiveRules(instance: Pick<TDesiredAppInstance, 'appInstanceId' | 'trafficRules' | 'dnsRules'>, overrides: readonly TRuleOverride[], ruleSetVersion: number): TRuleSet {
  const mine = overrides.filter((o) => o.appInstanceId === instance.appInstanceId && holds(o, ruleSetVersion));
  const stateOf = (kind: 'traffic' | 'dns', ruleId: string, state: TTrafficRule['state']) => mine.find((o) => o.kind === kind && o.ruleId === ruleId)?.state ?? state;
  return {
    appInstanceId: instance.appInstanceId,
    trafficRules: instance.trafficRules.map((r) => ({ ...r, state: stateOf('traffic', r.trafficRuleId, r.state) })),
    dnsRules: instance.dnsRules.map((r) => ({ ...r, state: stateOf('dns', r.dnsRuleId, r.state) })),
  };
}

/** The rule sets of the instances meant to run (a STOPPED instance's rules are off the data plane and out of DNS). */
export function runningRuleSets(document: TDesiredState | undefined, overrides: readonly TRuleOverride[]): TRuleSet[] {
  return (document?.appInstances ?? []).filter((i) => i.desiredState === 'RUNNING').map((i) => effectiveRules(i, overrides, document!.ruleSetVersion));
}
