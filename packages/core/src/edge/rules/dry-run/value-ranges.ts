/**
 * A rule's filter values as numeric ranges, so two filters can be compared: addresses (IPv4 and
 * IPv6, a single address, a CIDR or a `low-high` range as MEC 011 allows) on one line where IPv6
 * starts after the last IPv4 address, ports, protocols. A value that does not parse gives null;
 * the caller then compares it as an opaque string.
 */
import ipaddr from 'ipaddr.js';

/** An inclusive range on one axis. */
export interface TRange { lo: bigint; hi: bigint }

/** IPv6 addresses sit after IPv4's on the address axis, so the two families never intersect. */
const V6_BASE = 1n << 32n;
export const ALL_V4: TRange = { lo: 0n, hi: V6_BASE - 1n };
export const ALL_V6: TRange = { lo: V6_BASE, hi: V6_BASE + (1n << 128n) - 1n };
export const ALL_ADDRESSES: readonly TRange[] = [ALL_V4, ALL_V6];
export const ALL_PORTS: readonly TRange[] = [{ lo: 0n, hi: 65535n }];
export const ALL_PROTOCOLS: readonly TRange[] = [{ lo: 0n, hi: 255n }];

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function addressValue(text: string): { value: bigint; bits: number; base: bigint } | null {
  // Dotted-quad IPv4 by hand: the common case, and ipaddr.js's strict check is what the dry run spent its time in.
  const quad = DOTTED_QUAD.exec(text);
  if (quad) {
    const octets = quad.slice(1).map(Number);
    if (octets.some((o) => o > 255)) return null;
    return { value: BigInt(((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]!), bits: 32, base: 0n };
  }
  if (!ipaddr.IPv6.isValid(text)) return null;
  let value = 0n;
  for (const part of ipaddr.IPv6.parse(text).parts) value = (value << 16n) | BigInt(part);
  return { value, bits: 128, base: V6_BASE };
}

/**
 * Parsed addresses, by their text: a fleet repeats the same rules on every node (one app's rules on
 * 1,000 nodes), so most values are seen before. Bounded: cleared when full.
 */
const parsedAddresses = new Map<string, TRange | null>();
const MAX_PARSED = 50_000;

/** `10.0.0.0/8`, `2001:db8::1`, `10.0.0.1-10.0.0.9` as a range on the address axis; null if it does not parse. */
export function addressRange(text: string): TRange | null {
  let range = parsedAddresses.get(text);
  if (range === undefined) {
    if (parsedAddresses.size >= MAX_PARSED) parsedAddresses.clear();
    range = parseAddressRange(text);
    parsedAddresses.set(text, range);
  }
  // A copy: callers may merge ranges in place.
  return range && { lo: range.lo, hi: range.hi };
}

function parseAddressRange(text: string): TRange | null {
  const dash = text.indexOf('-');
  if (dash > 0) {
    const low = addressValue(text.slice(0, dash).trim());
    const high = addressValue(text.slice(dash + 1).trim());
    if (!low || !high || low.bits !== high.bits || low.value > high.value) return null;
    return { lo: low.base + low.value, hi: high.base + high.value };
  }
  const [address, prefix, extra] = text.split('/');
  if (extra !== undefined || address === undefined) return null;
  const parsed = addressValue(address.trim());
  if (!parsed) return null;
  const length = prefix === undefined ? parsed.bits : Number(prefix);
  if (!Number.isInteger(length) || length < 0 || length > parsed.bits || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) return null;
  const hostBits = BigInt(parsed.bits - length);
  const network = (parsed.value >> hostBits) << hostBits;
  return { lo: parsed.base + network, hi: parsed.base + network + (1n << hostBits) - 1n };
}

/** `443` or `8000-8080`; null if it does not parse. */
export function portRange(text: string): TRange | null {
  const match = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(text);
  if (!match) return null;
  const lo = BigInt(match[1]!);
  const hi = match[2] === undefined ? lo : BigInt(match[2]);
  return lo <= hi && hi <= 65535n ? { lo, hi } : null;
}

/** IANA protocol numbers of the names rule-values accepts (`ANY` is all of them). */
const PROTOCOL_NUMBERS: Record<string, number> = { ICMP: 1, TCP: 6, UDP: 17, GRE: 47, ESP: 50, ICMPV6: 58, SCTP: 132 };

/** `UDP`, `17` or `ANY` as a range of protocol numbers; null if it does not parse. */
export function protocolRange(text: string): TRange | null {
  const name = text.trim().toUpperCase();
  if (name === 'ANY') return ALL_PROTOCOLS[0]!;
  const number = /^\d{1,3}$/.test(name) ? Number(name) : PROTOCOL_NUMBERS[name];
  return number !== undefined && number <= 255 ? { lo: BigInt(number), hi: BigInt(number) } : null;
}

/** The same address however it was written (`2001:0db8::1` and `2001:db8::1`), or the text if it does not parse. */
export function normalAddress(text: string): string {
  const range = addressRange(text.trim());
  return range ? `${range.lo}-${range.hi}` : text.trim().toLowerCase();
}
