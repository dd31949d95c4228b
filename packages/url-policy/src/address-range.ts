/**
 * What kind of address an IP literal is, in any spelling: IPv4 in dotted, short (`127.1`),
 * decimal (`2130706433`), hex (`0x7f000001`) or octal (`0177.0.0.1`) form; IPv6 with or without
 * brackets or a zone; IPv4-mapped IPv6 (`::ffff:127.0.0.1`) counts as the IPv4 address it maps.
 * ipaddr.js does the parsing and knows the special-purpose ranges (IANA registries).
 */
import ipaddr from 'ipaddr.js';

/** `public` is global unicast; every other value names why an address is not. */
export type TAddressRange =
  | 'public' | 'loopback' | 'link-local' | 'private' | 'unique-local' | 'unspecified'
  | 'carrier-grade-nat' | 'multicast' | 'broadcast' | 'special-purpose';

export interface TAddress {
  /** Canonical text (IPv4 dotted quad; IPv6 RFC 5952 without the zone). */
  address: string;
  family: 4 | 6;
  range: TAddressRange;
  parsed: ipaddr.IPv4 | ipaddr.IPv6;
}

const RANGE_NAMES: Record<string, TAddressRange> = {
  unicast: 'public',
  loopback: 'loopback',
  linkLocal: 'link-local',
  private: 'private',
  uniqueLocal: 'unique-local',
  unspecified: 'unspecified',
  carrierGradeNat: 'carrier-grade-nat',
  multicast: 'multicast',
  broadcast: 'broadcast',
};

/** A range ipaddr.js names that is not in RANGE_NAMES (reserved, 6to4, NAT64, teredo, ...) is special-purpose. */
export function rangeOf(parsed: ipaddr.IPv4 | ipaddr.IPv6): TAddressRange {
  return RANGE_NAMES[parsed.range()] ?? 'special-purpose';
}

/** The address `text` spells, or undefined when it is not an IP literal (a host name). */
export function parseAddress(text: string): TAddress | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const unzoned = bare.replace(/%.*$/, '');
  if (!ipaddr.isValid(unzoned)) return undefined;
  const parsed = ipaddr.process(unzoned);
  return { address: parsed.toString(), family: parsed.kind() === 'ipv4' ? 4 : 6, range: rangeOf(parsed), parsed };
}

/** Words for a refusal message. */
export const RANGE_WORDS: Record<TAddressRange, string> = {
  public: 'a public address',
  loopback: 'a loopback address',
  'link-local': 'a link-local address (169.254.0.0/16, fe80::/10; cloud metadata lives here)',
  private: 'a private address (RFC 1918)',
  'unique-local': 'a unique-local address (fc00::/7)',
  unspecified: 'the unspecified address',
  'carrier-grade-nat': 'a carrier-grade NAT address (100.64.0.0/10)',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  'special-purpose': 'a special-purpose address (reserved, documentation, NAT64, 6to4 or similar)',
};
