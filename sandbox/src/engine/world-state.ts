/**
 * The engine's mutable world at t = 0, built from the scenario and the seed: zones with the MEC node
 * serving each, POAs (sorted by id, for the nearest-POA tie rule) with their effective network
 * characteristics, and UEs on their paths with their serving POA. The `TWorldUe`/`TWorldPoa`
 * objects are the ones the view hands out: updated in place, never copied per tick.
 */
import CheapRuler from 'cheap-ruler';
import type { TNetChar, TNetCharPatch, TScenario, TScenarioUe, TWorldPoa, TWorldUe, TWorldZone } from '@mecport/contracts/sandbox';
import { alongPath, PathTrack } from './path-track';
import { expandUes } from './seeded-ues';
import { servingPoa } from './serving-poa';

export interface TUeState {
  readonly world: TWorldUe;
  readonly eopMode: TScenarioUe['eopMode'];
  /** null once the UE was moved off its path (move-ue): it stays where it was put. */
  track: PathTrack | null;
  travelledM: number;
}

export interface TWorldState {
  readonly ruler: CheapRuler;
  readonly zones: Map<string, TWorldZone>;
  readonly poas: Map<string, TWorldPoa>;
  readonly poasById: TWorldPoa[];
  /** Each POA's own characteristics over its zone's (the scenario's, then set-network events). */
  readonly poaPatches: Map<string, TNetCharPatch>;
  /** In scenario order (individual UEs, then the groups' members): the order ticks visit them in. */
  readonly ues: TUeState[];
  readonly uesById: Map<string, TUeState>;
  readonly worldUes: Map<string, TWorldUe>;
  readonly uesByAddress: Map<string, TWorldUe>;
}

export const effectiveNetChar = (zone: TNetChar, patch: TNetCharPatch | undefined): TNetChar => ({ ...zone, ...patch });

/** Places a UE where its travel puts it on its path; whether it still moves. */
export function placeUe(ue: TUeState): void {
  if (!ue.track) return;
  const { alongM, ended } = alongPath(ue.travelledM, ue.track.lengthM, ue.eopMode);
  ue.world.location = ue.track.pointAt(alongM);
  ue.world.moving = ue.world.speedMps > 0 && !ended;
}

/** Sets the UE's serving POA, zone and MEC node; returns the previous POA and zone if they changed. */
export function reassign(state: TWorldState, ue: TWorldUe): { fromPoaId: string | null; fromZoneId: string | null } | null {
  const poa = servingPoa(state.ruler, state.poasById, ue.location);
  const poaId = poa?.id ?? null;
  if (poaId === ue.poaId) return null;
  const from = { fromPoaId: ue.poaId, fromZoneId: ue.zoneId };
  ue.poaId = poaId;
  ue.zoneId = poa?.zoneId ?? null;
  ue.mecNodeId = poa ? state.zones.get(poa.zoneId)!.mecNodeId : null;
  return from;
}

function buildZonesAndPoas(scenario: TScenario): Pick<TWorldState, 'zones' | 'poas' | 'poasById' | 'poaPatches'> {
  const nodeOfZone = new Map(scenario.mecNodes.flatMap((node) => node.zoneIds.map((zoneId) => [zoneId, node.id] as const)));
  const zones = new Map<string, TWorldZone>();
  const poaPatches = new Map<string, TNetCharPatch>();
  const poasById: TWorldPoa[] = [];
  for (const domain of scenario.domains) {
    for (const zone of domain.zones) {
      zones.set(zone.id, { id: zone.id, domainId: domain.id, name: zone.name, netChar: { ...zone.netChar }, mecNodeId: nodeOfZone.get(zone.id) ?? null });
      for (const poa of zone.pointsOfAccess) {
        if (poa.netChar) poaPatches.set(poa.id, poa.netChar);
        poasById.push({ id: poa.id, zoneId: zone.id, type: poa.type, location: poa.location, radiusM: poa.radiusM, cellId: poa.cellId, up: true, netChar: effectiveNetChar(zone.netChar, poa.netChar) });
      }
    }
  }
  poasById.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { zones, poas: new Map(poasById.map((p) => [p.id, p])), poasById, poaPatches };
}

export function buildWorld(scenario: TScenario, seed: number): TWorldState {
  const ruler = new CheapRuler(scenario.view.center[1], 'meters');
  const state: TWorldState = { ruler, ...buildZonesAndPoas(scenario), ues: [], uesById: new Map(), worldUes: new Map(), uesByAddress: new Map() };
  for (const ue of expandUes(scenario, seed, ruler)) {
    const world: TWorldUe = { id: ue.id, address: ue.address, location: ue.path[0]!, speedMps: ue.speedMps, poaId: null, zoneId: null, mecNodeId: null, moving: false };
    const ueState: TUeState = { world, eopMode: ue.eopMode, track: new PathTrack(ruler, ue.path), travelledM: ue.startOffsetM };
    placeUe(ueState);
    reassign(state, world);
    state.ues.push(ueState);
    state.uesById.set(ue.id, ueState);
    state.worldUes.set(ue.id, world);
    state.uesByAddress.set(ue.address, world);
  }
  return state;
}
