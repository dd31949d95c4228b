/**
 * The ids and addresses of a UE group's members: fixed by the group alone (never by the seed), so
 * scripted events can name a member (`walkers-07`) and the loader can check addresses are unique.
 */
import type { TScenario } from '@mecport/contracts/sandbox';

type TUeGroup = TScenario['ueGroups'][number];

/** `walkers-01` … `walkers-20`: numbered from 1, zero-padded to the width of the count so ids sort as numbers. */
export function memberId(group: Pick<TUeGroup, 'idPrefix' | 'count'>, index: number): string {
  return `${group.idPrefix}-${String(index + 1).padStart(String(group.count).length, '0')}`;
}

export function addressToNumber(address: string): number {
  const octets = address.slice('acr:'.length).split('.').map(Number);
  return octets.reduce((n, octet) => n * 256 + octet, 0);
}

export function numberToAddress(n: number): string {
  return `acr:${[24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.')}`;
}

/** The group's addresses count up from `firstAddress`; null when the range runs past 255.255.255.255. */
export function memberAddress(group: Pick<TUeGroup, 'firstAddress'>, index: number): string | null {
  const n = addressToNumber(group.firstAddress) + index;
  return n > 0xffffffff ? null : numberToAddress(n);
}
