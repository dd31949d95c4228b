/**
 * The decision: may MECport connect to this address on this port on someone's behalf? Pure, so
 * every spelling can be tested without sending a byte. Allowances are explicit inputs: the
 * loopback ports the app itself declared, the ranges the operator allow-listed, and whether
 * public addresses are fine at all (listing media: yes; Mp1 callbacks: no, they go where the
 * subscribing app listens).
 *
 * @example judgeAddress(parseAddress('127.0.0.1')!, 8090, { allowPublic: false, loopbackPorts: [8090] }) // { allowed: true }
 */
import { parseAllowCidr } from './allow-cidrs';
import { RANGE_WORDS, type TAddress } from './address-range';

export interface TUrlPolicy {
  /** Whether public (global unicast) addresses may be reached. */
  allowPublic: boolean;
  /** Loopback is refused except on these ports (the subscribing app's own declared ports). */
  loopbackPorts?: readonly number[];
  /** Operator allow-listed ranges in CIDR notation; ranges parseAllowCidr refuses are ignored. */
  allowCidrs?: readonly string[];
}

export type TVerdict = { allowed: true } | { allowed: false; reason: string };

/** The policy for a URL fetched for anyone on the internet's behalf: public addresses only. */
export const PUBLIC_ONLY: TUrlPolicy = { allowPublic: true };

function inAllowedRange(address: TAddress, cidrs: readonly string[]): boolean {
  return cidrs.some((text) => {
    const cidr = parseAllowCidr(text);
    return cidr.ok && cidr.range[0].kind() === address.parsed.kind() && address.parsed.match(cidr.range);
  });
}

export function judgeAddress(address: TAddress, port: number, policy: TUrlPolicy): TVerdict {
  if (address.range === 'loopback') {
    if (policy.loopbackPorts?.includes(port)) return { allowed: true };
    const open = policy.loopbackPorts?.length ? `only the app's own ports (${policy.loopbackPorts.join(', ')}) are allowed there` : 'no loopback port is allowed here';
    return { allowed: false, reason: `${address.address} is ${RANGE_WORDS.loopback}: port ${port} is not allowed; ${open}` };
  }
  if (address.range === 'unspecified') return { allowed: false, reason: `${address.address} is ${RANGE_WORDS.unspecified}` };
  if (inAllowedRange(address, policy.allowCidrs ?? [])) return { allowed: true };
  if (address.range === 'public') {
    return policy.allowPublic ? { allowed: true } : { allowed: false, reason: `${address.address} is ${RANGE_WORDS.public} outside the node's allow-listed ranges` };
  }
  return { allowed: false, reason: `${address.address} is ${RANGE_WORDS[address.range]}` };
}
