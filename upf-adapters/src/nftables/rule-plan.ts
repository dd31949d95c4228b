/**
 * MEC 011 traffic rules -> the nft rules of an instance's tables (pure: no I/O). Each MEC rule is
 * checked against what this data plane can express; the ones it can are laid out in MEC priority
 * order (0 first), each filter once per IP family it can match in, in three chains:
 *
 * | action        | `filter` (prerouting, -150, every packet) | `steer` (prerouting nat, -100, first packet of a flow) |
 * | DROP          | drop                                       | (never reached)                                         |
 * | PASSTHROUGH   | accept                                     | accept                                                  |
 * | FORWARD_*     | accept                                     | dnat to <dstIpAddress>                                  |
 * | DUPLICATE_*   | dup to <dstIpAddress> accept               | accept                                                  |
 *
 * The first matching rule of the instance decides, in both chains (an accept ends a chain), so a
 * higher-priority PASSTHROUGH or DUPLICATE keeps a lower-priority FORWARD or DROP from applying,
 * as MEC 011's priority says. INACTIVE rules go to `inactive`, a chain no hook reaches: they take
 * no effect, yet the table read back still holds them, so `list` returns them after a restart.
 */
import { ZValidTrafficRule } from '@mecport/contracts';
import type { TTrafficRule } from '@mecport/contracts/mec011';
import type { TAdapterCapabilities } from '../upf-adapter';
import type { TFamily } from './table-names';

export type TChain = 'filter' | 'steer' | 'inactive';

/** One nft rule: `<match> <verdict> comment "<comment>"` in `chain` of the `family` table. */
export interface TNftRule { family: TFamily; chain: TChain; match: string; verdict: string; comment: string }

export interface TPlannedRule { rule: TTrafficRule; nftRules: TNftRule[]; target: string | undefined }
export interface TRejectedRule { rule: TTrafficRule; state: 'unsupported' | 'failed'; reason: string }
export interface TPlan { planned: TPlannedRule[]; rejected: TRejectedRule[] }

type TFilter = TTrafficRule['trafficFilter'][number];

export const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = { ICMP: 1, TCP: 6, UDP: 17, GRE: 47, ESP: 50, ICMPV6: 58, SCTP: 132 };
const PORT_PROTOCOLS = [6, 17, 132];
const STEERING = new Set(['FORWARD_DECAPSULATED', 'FORWARD_ENCAPSULATED', 'DUPLICATE_DECAPSULATED', 'DUPLICATE_ENCAPSULATED']);
const FIELDS = ['srcAddress', 'dstAddress', 'srcPort', 'dstPort', 'protocol', 'token', 'srcTunnelAddress', 'tgtTunnelAddress', 'srcTunnelPort', 'dstTunnelPort', 'qCI', 'dSCP', 'tC'] as const;

/** The comment that names an nft rule's MEC rule: `<ruleId>|<priority>|<filter index>|<filterType>|<action>` (at most 101 characters; nft allows 128). */
export function commentOf(rule: TTrafficRule, filterIndex: number): string {
  return [rule.trafficRuleId, rule.priority, filterIndex, rule.filterType, rule.action].join('|');
}

export function planRules(rules: readonly TTrafficRule[], capabilities: TAdapterCapabilities): TPlan {
  const plan: TPlan = { planned: [], rejected: [] };
  const counts = new Map<string, number>();
  for (const rule of rules) counts.set(rule.trafficRuleId, (counts.get(rule.trafficRuleId) ?? 0) + 1);
  const ordered = [...rules].sort((a, b) => a.priority - b.priority || (a.trafficRuleId < b.trafficRuleId ? -1 : a.trafficRuleId > b.trafficRuleId ? 1 : 0));
  for (const rule of ordered) {
    if (counts.get(rule.trafficRuleId)! > 1) {
      // Neither copy is installed: which one the operator meant is not ours to guess.
      plan.rejected.push({ rule, state: 'failed', reason: `trafficRuleId ${rule.trafficRuleId} appears more than once in the instance's rules` });
      continue;
    }
    const outcome = planRule(rule, capabilities);
    if ('reason' in outcome) plan.rejected.push(outcome);
    else plan.planned.push(outcome);
  }
  return plan;
}

function planRule(rule: TTrafficRule, capabilities: TAdapterCapabilities): TPlannedRule | TRejectedRule {
  // Validated again here: the rule's strings go into an nft script, so nothing unchecked may reach it.
  const valid = ZValidTrafficRule.safeParse(rule);
  if (!valid.success) {
    const issue = valid.error.issues[0];
    return { rule, state: 'failed', reason: `invalid rule: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
  }
  const unsupported = unsupportedReason(rule, capabilities);
  if (unsupported) return { rule, state: 'unsupported', reason: unsupported };
  const target = STEERING.has(rule.action) ? rule.dstInterface?.dstIpAddress?.trim() : undefined;
  const nftRules: TNftRule[] = [];
  rule.trafficFilter.forEach((filter, index) => {
    for (const family of ['ip', 'ip6'] as const) {
      const match = matchOf(filter, family, target);
      if (match === undefined) continue;
      for (const [chain, verdict] of verdictsOf(rule, target)) nftRules.push({ family, chain, match, verdict, comment: commentOf(rule, index) });
    }
  });
  if (nftRules.length === 0) {
    return { rule, state: 'unsupported', reason: 'no filter of this rule can match a packet: its addresses, protocols, dSCP (IPv4 only) and destination address are of different IP families' };
  }
  return { rule, nftRules, target };
}

function unsupportedReason(rule: TTrafficRule, capabilities: TAdapterCapabilities): string | undefined {
  if (!capabilities.trafficActions.includes(rule.action)) return `the nftables data plane cannot ${rule.action}`;
  const used = new Set(rule.trafficFilter.flatMap((f) => FIELDS.filter((field) => isSet(f[field]))));
  const missing = [...used].filter((field) => !capabilities.filterFields.includes(field));
  if (missing.length > 0) {
    return `the nftables data plane cannot match on ${missing.join(', ')}: a Linux node breaking traffic out locally sees plain IP packets (no GTP-U tunnel, token, QCI or TC); it matches ${capabilities.filterFields.join(', ')}`;
  }
  if (STEERING.has(rule.action) && (rule.dstInterface?.interfaceType !== 'IP' || !rule.dstInterface.dstIpAddress)) {
    return `${rule.action} on this node steers to an IP address only (dstInterface.interfaceType IP with dstIpAddress); TUNNEL and MAC interfaces need GTP-U or GRE, which a plain IP node does not have`;
  }
  const portless = rule.trafficFilter.some((f) => (isSet(f.srcPort) || isSet(f.dstPort)) && protocolsOf(f)?.some((p) => !PORT_PROTOCOLS.includes(p)));
  if (portless) return 'srcPort and dstPort need protocol TCP, UDP or SCTP (or no protocol, which means these three)';
  return undefined;
}

function isSet(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : value !== undefined;
}

/** The filter's protocol numbers, or undefined when it matches any protocol. */
function protocolsOf(filter: TFilter): number[] | undefined {
  const names = (filter.protocol ?? []).map((p) => p.trim().toUpperCase());
  if (names.length === 0 || names.includes('ANY')) return undefined;
  return [...new Set(names.map((p) => PROTOCOL_NUMBERS[p] ?? Number(p)))];
}

/** The match part of the filter's nft rule in `family`, or undefined when it cannot match there. */
function matchOf(filter: TFilter, family: TFamily, target: string | undefined): string | undefined {
  const v6 = family === 'ip6';
  const ofFamily = (addresses: string[] | undefined) => addresses && addresses.map((a) => a.trim()).filter((a) => a.includes(':') === v6);
  const src = ofFamily(filter.srcAddress);
  const dst = ofFamily(filter.dstAddress);
  if ((src && src.length === 0) || (dst && dst.length === 0)) return undefined;
  if (target !== undefined && target.includes(':') !== v6) return undefined; // DNAT and dup stay within a family
  if (filter.dSCP !== undefined && v6) return undefined; // MEC 011: dSCP matches IPv4 packets (tC is IPv6's)
  let protocols = protocolsOf(filter)?.filter((p) => p !== (v6 ? 1 : 58));
  if (protocols && protocols.length === 0) return undefined;
  const ports = isSet(filter.srcPort) || isSet(filter.dstPort);
  if (ports && !protocols) protocols = PORT_PROTOCOLS; // `th` reads bytes of any transport header: say which ones
  const parts = [
    src && `${family} saddr ${setOf(src)}`,
    dst && `${family} daddr ${setOf(dst)}`,
    protocols && `meta l4proto ${setOf(protocols.map(String))}`,
    isSet(filter.srcPort) && `th sport ${setOf(portsOf(filter.srcPort!))}`,
    isSet(filter.dstPort) && `th dport ${setOf(portsOf(filter.dstPort!))}`,
    filter.dSCP !== undefined && `ip dscp ${filter.dSCP}`,
  ];
  return parts.filter((p): p is string => typeof p === 'string').join(' ');
}

/** `80` or `8000-8080`, as numbers (no leading zeros reach nft). */
function portsOf(ports: string[]): string[] {
  return ports.map((p) => p.trim().split('-').map(Number).join('-'));
}

function setOf(values: string[]): string {
  const unique = [...new Set(values)];
  return unique.length === 1 ? unique[0]! : `{ ${unique.join(', ')} }`;
}

function verdictsOf(rule: TTrafficRule, target: string | undefined): [TChain, string][] {
  const forward = rule.action.startsWith('FORWARD');
  const duplicate = rule.action.startsWith('DUPLICATE');
  if (rule.state === 'INACTIVE') return [['inactive', forward ? `dnat to ${target}` : duplicate ? `dup to ${target} accept` : rule.action === 'DROP' ? 'drop' : 'accept']];
  if (rule.action === 'DROP') return [['filter', 'drop']];
  if (rule.action === 'PASSTHROUGH') return [['filter', 'accept'], ['steer', 'accept']];
  if (forward) return [['filter', 'accept'], ['steer', `dnat to ${target}`]];
  return [['filter', `dup to ${target} accept`], ['steer', 'accept']];
}
