/**
 * MEC 011 traffic filters as TS 29.214 §5.3.8 flow descriptions (IPFilterRule, RFC 6733 §4.3),
 * which TS 29.522 FlowInfo.flowDescriptions carries. A MEC filter is written for the uplink packet
 * (srcAddress: the UE side, dstAddress: the server side). TS 29.214 says "out" is the downlink
 * direction, and 5GC implementations accept only "out" (free5GC's flowdesc refuses "in"), so
 * each flow becomes one downlink description that names the server side after `from` and the UE
 * side after `to`:  permit out <proto> from <server> [port] to <ue> [port].
 * TS 29.214 forbids "!", "assigned" and options; a description holds one address per side, so
 * lists become separate flows; a port stays RFC 6733 (one port or a low-high range per description).
 */
import type { TTrafficRule } from '@mecport/contracts/mec011';

/** One flow between a UE side and a server side (address `any` matches all). */
export interface TFlow {
  proto: string;
  ue: string;
  uePort?: string;
  server: string;
  serverPort?: string;
  /** TS 29.514 TosTrafficClass of the filter the flow came from. */
  tosTc?: string;
}

const PROTOCOL_NUMBERS: Record<string, string> = { TCP: '6', UDP: '17', SCTP: '132', ICMP: '1', ICMPV6: '58', ESP: '50', GRE: '47', ANY: 'ip' };
/** More flows than this from one rule is a rule no NEF should be asked to hold. */
export const MAX_FLOWS = 64;

const familyOf = (address: string) => (address === 'any' ? 0 : address.includes(':') ? 6 : 4);
const list = (values: string[] | undefined, fallback: string) => (values && values.length > 0 ? values : [fallback]);
const optional = (values: string[] | undefined) => (values && values.length > 0 ? values : [undefined]);

/** The flows a rule matches, or a reason it cannot be written as flow descriptions. */
export function flowsOf(rule: TTrafficRule): { flows: TFlow[] } | { reason: string } {
  const flows: TFlow[] = [];
  for (const filter of rule.trafficFilter) {
    if (filter.dSCP !== undefined && filter.tC !== undefined) return { reason: 'a filter with both dSCP and tC: a flow has one ToS/Traffic Class octet' };
    const tosTc = tosTcOf(filter);
    for (const protocol of list(filter.protocol, 'ANY')) {
      const proto = PROTOCOL_NUMBERS[protocol.toUpperCase()] ?? (/^\d{1,3}$/.test(protocol) ? String(Number(protocol)) : undefined);
      if (!proto) return { reason: `protocol ${protocol} has no IANA number a NEF understands` };
      for (const ue of list(filter.srcAddress, 'any'))
        for (const server of list(filter.dstAddress, 'any'))
          for (const uePort of optional(filter.srcPort))
            for (const serverPort of optional(filter.dstPort)) {
              // One description has one address family; a v4 UE never talks to a v6 server directly.
              if (familyOf(ue) !== 0 && familyOf(server) !== 0 && familyOf(ue) !== familyOf(server)) continue;
              flows.push({ proto, ue, server, ...(uePort ? { uePort } : {}), ...(serverPort ? { serverPort } : {}), ...(tosTc ? { tosTc } : {}) });
              if (flows.length > MAX_FLOWS) return { reason: `the rule expands to more than ${MAX_FLOWS} flows (addresses × ports × protocols); split it` };
            }
    }
  }
  if (flows.length === 0) return { reason: 'every filter pairs an IPv4 address with an IPv6 one: no flow can match' };
  return { flows };
}

/** `permit out 6 from 192.0.2.10 443 to 10.60.0.0/16` */
export function flowDescription(f: TFlow): string {
  const side = (address: string, port?: string) => (port ? `${address} ${port}` : address);
  return `permit out ${f.proto} from ${side(f.server, f.serverPort)} to ${side(f.ue, f.uePort)}`;
}

/** A single UE's address (a host, not a range), or undefined. */
export function singleUe(address: string): { ipv4Addr: string } | { ipv6Addr: string } | undefined {
  if (address === 'any') return undefined;
  const [host, prefix] = address.split('/');
  if (!host) return undefined;
  if (host.includes(':')) return prefix === undefined || prefix === '128' ? { ipv6Addr: host } : undefined;
  return prefix === undefined || prefix === '32' ? { ipv4Addr: host } : undefined;
}

/** ToS/Traffic Class and mask as TS 29.514 TosTrafficClass: DSCP is the top six bits of the octet. */
export function tosTcOf(filter: { dSCP?: number; tC?: number }): string | undefined {
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  if (filter.dSCP !== undefined) return `${hex(filter.dSCP << 2)}fc`;
  if (filter.tC !== undefined) return `${hex(filter.tC)}ff`;
  return undefined;
}
