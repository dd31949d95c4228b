/**
 * The emulated UEs' addresses a new sandbox's network gets up front, with the first zone's network
 * characteristics until the site shapes them by where they are. Groups count up from their first
 * address; past `limit` the site adds UEs on demand (shapeUe).
 */
import type { TNetChar, TScenario } from '@mecport/contracts/sandbox';

export const UP_FRONT_UE_LIMIT = 1000;

export function scenarioUeAddresses(scenario: TScenario, limit = UP_FRONT_UE_LIMIT): Array<{ address: string; netChar: TNetChar }> {
  const netChar = scenario.domains[0]!.zones[0]!.netChar;
  const addresses = new Set(scenario.ues.map((ue) => ue.address));
  for (const group of scenario.ueGroups) {
    const first = toNumber(group.firstAddress.replace(/^acr:/, ''));
    for (let i = 0; i < group.count && addresses.size < limit; i += 1) addresses.add(`acr:${toDotted(first + i)}`);
  }
  return [...addresses].slice(0, limit).map((address) => ({ address, netChar }));
}

function toNumber(ip: string): number {
  return ip.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
}

function toDotted(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}
