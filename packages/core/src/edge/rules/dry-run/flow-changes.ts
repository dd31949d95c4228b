/**
 * Which flows change fate, in words, rule by rule: a traffic rule that starts or stops steering,
 * dropping or mirroring its flows, or steers them elsewhere; a DNS rule whose name starts, changes
 * or stops answering. `code` and `params` let the UI translate; `message` is English.
 */
import type { TDryRunNode } from '@mecport/contracts';
import type { TDnsRule, TTrafficRule } from '@mecport/contracts/mec011';
import { normalDomain } from './dns-conflicts';
import { destinationKey, destinationText } from './destination';
import type { TInstanceRuleSet } from './dry-run-input';
import { ruleFlowWords } from './flow-words';
import { sameData, type TRuleDiffEntry } from './rule-diff';

export type TFlowChange = TDryRunNode['flows'][number];

type TFate = 'steered' | 'dropped' | 'mirrored';
const FATES: Partial<Record<TTrafficRule['action'], TFate>> = {
  FORWARD_DECAPSULATED: 'steered', FORWARD_ENCAPSULATED: 'steered', DROP: 'dropped',
  DUPLICATE_DECAPSULATED: 'mirrored', DUPLICATE_ENCAPSULATED: 'mirrored',
};

/** What an ACTIVE rule does to its flows; PASSTHROUGH, INACTIVE and absent rules do nothing to them. */
function fateOf(rule: TTrafficRule | undefined): TFate | undefined {
  return rule && rule.state === 'ACTIVE' ? FATES[rule.action] : undefined;
}

interface TOwner { appInstanceId: string; appName: string }

function trafficChange(code: TFlowChange['code'], owner: TOwner, rule: TTrafficRule, previous?: TTrafficRule): TFlowChange {
  const flow = ruleFlowWords(rule);
  const destination = destinationText(rule.dstInterface);
  const params: Record<string, string | number> = { flow, app: owner.appName, priority: rule.priority, destination };
  const to = `${owner.appName} (${destination})`;
  const messages: Record<string, string> = {
    now_steered: `${flow} is now steered to ${to}`,
    no_longer_steered: `${flow} is no longer steered to ${to}`,
    now_mirrored: `${flow} is now mirrored to ${to}`,
    no_longer_mirrored: `${flow} is no longer mirrored to ${to}`,
    now_dropped: `${flow} is now dropped (rule ${rule.trafficRuleId} of ${owner.appName})`,
    no_longer_dropped: `${flow} is no longer dropped (rule ${rule.trafficRuleId} of ${owner.appName})`,
  };
  if (code === 'destination_changed' && previous) {
    params.previousDestination = destinationText(previous.dstInterface);
    params.fate = fateOf(rule)!;
    return { code, appInstanceId: owner.appInstanceId, ruleId: rule.trafficRuleId, params, message: `${flow} is now ${params.fate} to ${to} instead of ${params.previousDestination}` };
  }
  return { code, appInstanceId: owner.appInstanceId, ruleId: rule.trafficRuleId, params, message: messages[code]! };
}

function trafficFlows(owner: TOwner, was: TTrafficRule | undefined, now: TTrafficRule | undefined): TFlowChange[] {
  const [before, after] = [fateOf(was), fateOf(now)];
  if (before && after && before === after && sameData(was!.trafficFilter, now!.trafficFilter)) {
    const moved = after !== 'dropped' && destinationKey(was!.dstInterface) !== destinationKey(now!.dstInterface);
    return moved ? [trafficChange('destination_changed', owner, now!, was)] : [];
  }
  const changes: TFlowChange[] = [];
  if (before) changes.push(trafficChange(`no_longer_${before}`, owner, was!));
  if (after) changes.push(trafficChange(`now_${after}`, owner, now!));
  return changes;
}

function dnsChange(code: TFlowChange['code'], owner: TOwner, rule: TDnsRule, previous?: TDnsRule): TFlowChange {
  const domainName = normalDomain(rule.domainName);
  const params: Record<string, string | number> = { domainName, ipAddress: rule.ipAddress, app: owner.appName };
  if (rule.ttl !== undefined) params.ttl = rule.ttl;
  let message = `${domainName} no longer answers ${rule.ipAddress} for ${owner.appName}`;
  if (code === 'dns_now_answers') message = `${domainName} now answers ${rule.ipAddress} (${owner.appName})`;
  if (code === 'dns_answer_changed' && previous) {
    params.previousIpAddress = previous.ipAddress;
    if (previous.ttl !== undefined) params.previousTtl = previous.ttl;
    message = previous.ipAddress === rule.ipAddress
      ? `${domainName} answers ${rule.ipAddress} (${owner.appName}) with a TTL of ${rule.ttl ?? 'default'} instead of ${previous.ttl ?? 'default'}`
      : `${domainName} now answers ${rule.ipAddress} instead of ${previous.ipAddress} (${owner.appName})`;
  }
  return { code, appInstanceId: owner.appInstanceId, ruleId: rule.dnsRuleId, params, message };
}

function dnsFlows(owner: TOwner, was: TDnsRule | undefined, now: TDnsRule | undefined): TFlowChange[] {
  const before = was?.state === 'ACTIVE' ? was : undefined;
  const after = now?.state === 'ACTIVE' ? now : undefined;
  if (before && after && normalDomain(before.domainName) === normalDomain(after.domainName)) {
    const same = before.ipAddress === after.ipAddress && before.ttl === after.ttl;
    return same ? [] : [dnsChange('dns_answer_changed', owner, after, before)];
  }
  return [
    ...(before ? [dnsChange('dns_no_longer_answers', owner, before)] : []),
    ...(after ? [dnsChange('dns_now_answers', owner, after)] : []),
  ];
}

/** Only a rule the diff lists can change a flow's fate; `instances` give the apps' names. */
export function flowChanges(diff: readonly TRuleDiffEntry[], instances: readonly TInstanceRuleSet[]): TFlowChange[] {
  const names = new Map(instances.map((i) => [i.appInstanceId, i.appName]));
  return diff.flatMap(({ appInstanceId, kind, before, after }) => {
    const owner = { appInstanceId, appName: names.get(appInstanceId) ?? appInstanceId };
    return kind === 'traffic'
      ? trafficFlows(owner, before as TTrafficRule | undefined, after as TTrafficRule | undefined)
      : dnsFlows(owner, before as TDnsRule | undefined, after as TDnsRule | undefined);
  });
}
