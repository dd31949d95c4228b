/**
 * The scenario's UEs with its UE groups expanded: each group member picks one of the group's paths,
 * a speed in the group's range and a start offset along the path, from the seed alone
 * (pure-rand's xoroshiro128+, never Math.random), so the same seed gives the same UEs anywhere.
 */
import type CheapRuler from 'cheap-ruler';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { TScenario, TScenarioUe } from '@mecport/contracts/sandbox';
import { memberAddress, memberId } from './group-members';
import { PathTrack } from './path-track';

/** Speeds to the centimetre per second: readable in the API, and still spread. */
const roundSpeed = (mps: number) => Math.round(mps * 100) / 100;

export function expandUes(scenario: TScenario, seed: number, ruler: CheapRuler): TScenarioUe[] {
  const rng = xoroshiro128plus(seed);
  const members = scenario.ueGroups.flatMap((group) => {
    const tracks = group.paths.map((path) => new PathTrack(ruler, path));
    const [low, high] = group.speedMps[0] <= group.speedMps[1] ? group.speedMps : [group.speedMps[1], group.speedMps[0]];
    return Array.from({ length: group.count }, (_, i): TScenarioUe => {
      const pick = uniformInt(rng, 0, group.paths.length - 1);
      const speedMps = roundSpeed(low + (high - low) * uniformFloat64(rng));
      const startOffsetM = Math.round(uniformFloat64(rng) * tracks[pick]!.lengthM);
      const id = memberId(group, i);
      return { id, name: id, address: memberAddress(group, i)!, path: group.paths[pick]!, speedMps, eopMode: group.eopMode, startOffsetM };
    });
  });
  return [...scenario.ues, ...members];
}
