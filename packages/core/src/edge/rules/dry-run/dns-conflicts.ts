/**
 * DNS findings of one node, over ACTIVE rules:
 * - `fqdn_claimed_twice`: two app instances answer one domain name (compared case-insensitively,
 *   a trailing dot ignored): the node's DNS server cannot answer both;
 * - `dns_address_not_steered`: a DNS rule sends clients to an address that no ACTIVE FORWARD rule
 *   of the same instance steers to on that node, so the answer leads nowhere local.
 */
import type { TRuleFinding } from '@mecport/contracts';
import type { TDnsRule } from '@mecport/contracts/mec011';
import type { TInstanceRuleSet } from './dry-run-input';
import { normalAddress } from './value-ranges';

export function normalDomain(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

const isForward = (action: string) => action === 'FORWARD_DECAPSULATED' || action === 'FORWARD_ENCAPSULATED';

interface TOwnedDns { instance: TInstanceRuleSet; rule: TDnsRule }

function claimedTwice(claim: TOwnedDns, first: TOwnedDns): TRuleFinding {
  const domainName = normalDomain(claim.rule.domainName);
  return {
    code: 'fqdn_claimed_twice', severity: 'error', appInstanceId: claim.instance.appInstanceId, kind: 'dns', ruleId: claim.rule.dnsRuleId,
    other: { appInstanceId: first.instance.appInstanceId, ruleId: first.rule.dnsRuleId },
    params: { domainName, app: claim.instance.appName, ipAddress: claim.rule.ipAddress, otherApp: first.instance.appName, otherIpAddress: first.rule.ipAddress },
    message: `${domainName} is claimed by ${claim.instance.appName} (rule ${claim.rule.dnsRuleId}, ${claim.rule.ipAddress}) and by ${first.instance.appName} (rule ${first.rule.dnsRuleId}, ${first.rule.ipAddress}): the node can answer it for one app only.`,
  };
}

function notSteered({ instance, rule }: TOwnedDns): TRuleFinding {
  return {
    code: 'dns_address_not_steered', severity: 'warning', appInstanceId: instance.appInstanceId, kind: 'dns', ruleId: rule.dnsRuleId,
    params: { domainName: normalDomain(rule.domainName), ipAddress: rule.ipAddress, app: instance.appName },
    message: `DNS rule ${rule.dnsRuleId} of ${instance.appName} answers ${normalDomain(rule.domainName)} with ${rule.ipAddress}, but no active FORWARD rule of ${instance.appName} steers traffic to ${rule.ipAddress} on this node.`,
  };
}

export function dnsConflicts(instances: readonly TInstanceRuleSet[]): TRuleFinding[] {
  const findings: TRuleFinding[] = [];
  const owners = new Map<string, TOwnedDns>();
  for (const instance of instances) {
    const steered = new Set(instance.trafficRules
      .filter((rule) => rule.state === 'ACTIVE' && isForward(rule.action) && rule.dstInterface?.dstIpAddress)
      .map((rule) => normalAddress(rule.dstInterface!.dstIpAddress!)));
    for (const rule of instance.dnsRules) {
      if (rule.state !== 'ACTIVE') continue;
      const claim = { instance, rule };
      const name = normalDomain(rule.domainName);
      const first = owners.get(name);
      if (!first) owners.set(name, claim);
      else if (first.instance.appInstanceId !== instance.appInstanceId) findings.push(claimedTwice(claim, first));
      if (!steered.has(normalAddress(rule.ipAddress))) findings.push(notSteered(claim));
    }
  }
  return findings;
}
