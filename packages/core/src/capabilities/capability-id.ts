/**
 * A capability's id: the RFC 9562 name-based UUID (version 5, SHA-1) of `kind/name` in the
 * catalog's namespace, so it is stable without a row (`platform/location`, `service/<serName>`) and
 * every capability route takes a UUID like the rest of the API.
 *
 * @example capabilityId('platform', 'location') // always the same UUID
 */
import { createHash } from 'node:crypto';
import type { TCapabilityKind } from '@mecport/contracts';

/** The catalog's namespace (a random UUID, fixed forever: changing it changes every id). */
const NAMESPACE = Buffer.from('3b0f6c1e9d2a4e58a7c4f1d26b8e0a93', 'hex');

export function capabilityId(kind: TCapabilityKind, name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(`${kind}/${name}`, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
