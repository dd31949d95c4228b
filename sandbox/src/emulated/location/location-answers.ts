/**
 * MEC 013 v2.2.1 answers built from the engine's world: UserInfo, ZoneInfo, AccessPointInfo,
 * TerminalLocation. A UE that no access point serves has no `accessPointId`/`zoneId`, which
 * UserInfo requires: it is left out of user lists (the network does not locate it).
 */
import type { TWorldPoa, TWorldUe } from '@mecport/contracts/sandbox';
import type { TWorldView } from '../../engine/engine';
import { mecTimeStamp, type TMecTimeStamp } from '../mec-time';

/** How the answers are addressed and stamped: `root` is the service's base URL (`…/location/v2`). */
export interface TLocationContext { root: string; epochMs: number; view: TWorldView }

/** AdvantEDGE's mapping of POA types to MEC 013 connection types. */
const CONNECTION_TYPE = { 'POA-4G': 'Macro', 'POA-5G': 'Smallcell', 'POA-WIFI': 'Wifi' } as const;

export const stampOf = (ctx: TLocationContext): TMecTimeStamp => mecTimeStamp(ctx.epochMs, ctx.view.timeSec);

export function locationInfo(location: readonly [number, number], timestamp?: TMecTimeStamp) {
  return { latitude: [location[1]], longitude: [location[0]], shape: 2, ...(timestamp ? { timestamp } : {}) };
}

export function userInfo(ctx: TLocationContext, ue: Readonly<TWorldUe>) {
  const timestamp = stampOf(ctx);
  return {
    address: ue.address,
    accessPointId: ue.poaId!,
    zoneId: ue.zoneId!,
    resourceURL: `${ctx.root}/queries/users?address=${encodeURIComponent(ue.address)}`,
    timestamp,
    locationInfo: locationInfo(ue.location, timestamp),
  };
}

export function terminalLocation(ctx: TLocationContext, ue: Readonly<TWorldUe>) {
  return { address: ue.address, currentLocation: locationInfo(ue.location, stampOf(ctx)), locationRetrievalStatus: 'Retrieved' as const };
}

/** Users per POA, counted once per answer (1,000 UEs is one pass). */
export function usersPerPoa(view: TWorldView): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ue of view.ues.values()) if (ue.poaId !== null) counts.set(ue.poaId, (counts.get(ue.poaId) ?? 0) + 1);
  return counts;
}

export function zoneInfo(ctx: TLocationContext, zoneId: string, perPoa: Map<string, number>) {
  let numberOfAccessPoints = 0;
  let numberOfUnserviceableAccessPoints = 0;
  let numberOfUsers = 0;
  for (const poa of ctx.view.poas.values()) {
    if (poa.zoneId !== zoneId) continue;
    numberOfAccessPoints++;
    if (!poa.up) numberOfUnserviceableAccessPoints++;
    numberOfUsers += perPoa.get(poa.id) ?? 0;
  }
  return { zoneId, numberOfAccessPoints, numberOfUnserviceableAccessPoints, numberOfUsers, resourceURL: `${ctx.root}/queries/zones/${encodeURIComponent(zoneId)}` };
}

export function accessPointInfo(ctx: TLocationContext, poa: Readonly<TWorldPoa>, perPoa: Map<string, number>) {
  return {
    accessPointId: poa.id,
    connectionType: CONNECTION_TYPE[poa.type],
    operationStatus: poa.up ? 'Serviceable' : 'Unserviceable',
    numberOfUsers: perPoa.get(poa.id) ?? 0,
    locationInfo: locationInfo(poa.location),
    resourceURL: `${ctx.root}/queries/zones/${encodeURIComponent(poa.zoneId)}/accessPoints/${encodeURIComponent(poa.id)}`,
  };
}
