/**
 * The values inside a traffic or DNS rule, checked as an operator types them: addresses and
 * ranges, ports and port ranges, protocols, domain names. MEC 011 types all of them as plain
 * strings; these are the checks the portal, its forms and the dry run share, so a rule the form
 * accepts is a rule the API accepts.
 *
 * @example isPortOrRange('8000-8080') // true; isPortOrRange('70000') // false
 */
import { z } from 'zod';

const IPV4 = z.ipv4();
const IPV6 = z.ipv6();
/** 4, 6 or 0, as node:net's isIP, without node:net: the portal's forms run this in the browser. */
function ipFamily(value: string): 0 | 4 | 6 {
  if (IPV4.safeParse(value).success) return 4;
  return IPV6.safeParse(value).success ? 6 : 0;
}

/** An IPv4 or IPv6 address, optionally with a prefix length (`10.0.0.0/8`, `2001:db8::/32`). */
export function isAddressOrCidr(value: string): boolean {
  const [address, prefix, extra] = value.split('/');
  if (extra !== undefined || address === undefined) return false;
  const family = ipFamily(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** A port (`443`) or an inclusive range (`8000-8080`), within 0–65535, low before high. */
export function isPortOrRange(value: string): boolean {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(value);
  if (!match) return false;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  return low <= 65535 && high <= 65535 && low <= high;
}

/** Protocol names a data plane knows, or an IANA protocol number 0–255. */
export const RULE_PROTOCOL_NAMES = ['TCP', 'UDP', 'SCTP', 'ICMP', 'ICMPV6', 'ESP', 'GRE', 'ANY'] as const;
export function isProtocol(value: string): boolean {
  if (/^\d{1,3}$/.test(value)) return Number(value) <= 255;
  return (RULE_PROTOCOL_NAMES as readonly string[]).includes(value.toUpperCase());
}

/** A DNS name of letters, digits and hyphens (RFC 1123 labels), 1–253 characters; a trailing dot is allowed. */
export function isDomainName(value: string): boolean {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (name.length === 0 || name.length > 253) return false;
  return name.split('.').every((label) => /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/.test(label));
}

/** `ipAddress` of a DnsRule must be of the family its `ipAddressType` names. */
export function addressMatchesType(address: string, type: 'IP_V4' | 'IP_V6'): boolean {
  return ipFamily(address) === (type === 'IP_V4' ? 4 : 6);
}
