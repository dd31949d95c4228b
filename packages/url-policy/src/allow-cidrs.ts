/**
 * Operator allow-listed address ranges (a node's `callbackAllowCidrs`): parsed and judged here,
 * so the portal refuses what the agent would ignore. A range may open private or link-local
 * addresses on purpose (the operator's network), but never loopback or the unspecified address:
 * loopback is the node's own services (the portal, the database, the agent), opened only port by
 * port for the app that listens there.
 *
 * @example parseAllowCidr('10.20.0.0/16') // { ok: true, cidr: '10.20.0.0/16' }
 */
import ipaddr from 'ipaddr.js';

export const MAX_ALLOW_CIDRS = 32;

export type TParsedCidr = { ok: true; cidr: string; range: [ipaddr.IPv4 | ipaddr.IPv6, number] } | { ok: false; reason: string };

const FORBIDDEN_INSIDE = ['127.0.0.1', '0.0.0.0', '::1', '::'].map((a) => ipaddr.parse(a));

export function parseAllowCidr(text: string): TParsedCidr {
  let range: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    range = ipaddr.parseCIDR(text.trim());
  } catch {
    return { ok: false, reason: 'must be an address range in CIDR notation, e.g. 10.20.0.0/16 or fd00:20::/48' };
  }
  const [base, bits] = range;
  if (base.kind() === 'ipv6' && (base as ipaddr.IPv6).isIPv4MappedAddress()) return { ok: false, reason: 'write an IPv4 range in IPv4 notation, not as IPv4-mapped IPv6' };
  if (base.kind() === 'ipv4' ? bits < 8 : bits < 16) return { ok: false, reason: 'is too broad: allow at most a /8 (IPv4) or a /16 (IPv6)' };
  const network = base.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(text.trim()) : ipaddr.IPv6.networkAddressFromCIDR(text.trim());
  if (FORBIDDEN_INSIDE.some((a) => a.kind() === network.kind() && a.match(network, bits)) || network.range() === 'loopback') {
    return { ok: false, reason: 'must not contain loopback or unspecified addresses (loopback is opened only on the app\'s own ports)' };
  }
  return { ok: true, cidr: `${network.toString()}/${bits}`, range: [network, bits] };
}

/** Every range, or the field errors: `[{ index, reason }]`. */
export function parseAllowCidrs(texts: readonly string[]): { ok: true; cidrs: string[] } | { ok: false; errors: { index: number; reason: string }[] } {
  if (texts.length > MAX_ALLOW_CIDRS) return { ok: false, errors: [{ index: MAX_ALLOW_CIDRS, reason: `at most ${MAX_ALLOW_CIDRS} ranges` }] };
  const parsed = texts.map(parseAllowCidr);
  const errors = parsed.flatMap((p, index) => (p.ok ? [] : [{ index, reason: p.reason }]));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, cidrs: [...new Set(parsed.map((p) => (p.ok ? p.cidr : '')))] };
}
