/**
 * Zonal presence from the engine's POA changes (MEC 013 ZonalPresenceNotification, sent to both
 * zonalTraffic and userTracking subscribers in v2.2.1): a move between POAs of one zone is
 * `Transferring`; a move across zones is `Leaving` the old zone then `Entering` the new one
 * (AdvantEDGE's reading: a leaving user's current access point is the one it left).
 */
import type { TEngineEvent } from '@mecport/contracts/sandbox';
import type { TMecTimeStamp } from '../mec-time';
import type { TUserEventType } from './location-models';

type TPoaChange = Extract<TEngineEvent, { kind: 'ue-poa-change' }>;

export interface TPresenceChange {
  zoneId: string;
  userEventType: TUserEventType;
  currentAccessPointId: string;
  previousAccessPointId?: string;
}

export function presenceChanges(e: TPoaChange): TPresenceChange[] {
  if (e.fromPoaId === e.toPoaId) return [];
  if (e.fromZoneId !== null && e.fromZoneId === e.toZoneId) {
    return [{ zoneId: e.toZoneId, userEventType: 'Transferring', currentAccessPointId: e.toPoaId!, previousAccessPointId: e.fromPoaId! }];
  }
  const changes: TPresenceChange[] = [];
  if (e.fromZoneId !== null && e.fromPoaId !== null) changes.push({ zoneId: e.fromZoneId, userEventType: 'Leaving', currentAccessPointId: e.fromPoaId });
  if (e.toZoneId !== null && e.toPoaId !== null) {
    changes.push({ zoneId: e.toZoneId, userEventType: 'Entering', currentAccessPointId: e.toPoaId, ...(e.fromPoaId !== null ? { previousAccessPointId: e.fromPoaId } : {}) });
  }
  return changes;
}

/** Whether a subscription's userEventCriteria (absent: every event) lets this change through. */
export function wants(criteria: readonly TUserEventType[] | undefined, type: TUserEventType): boolean {
  return criteria === undefined || criteria.length === 0 || criteria.includes(type);
}

export function zonalPresenceNotification(
  change: TPresenceChange, address: string, timestamp: TMecTimeStamp, link: { rel: string; href: string }, callbackData: string | undefined,
) {
  return {
    zonalPresenceNotification: {
      zoneId: change.zoneId,
      address,
      userEventType: change.userEventType,
      currentAccessPointId: change.currentAccessPointId,
      ...(change.previousAccessPointId !== undefined ? { previousAccessPointId: change.previousAccessPointId } : {}),
      timestamp,
      ...(callbackData !== undefined ? { callbackData } : {}),
      link: [link],
    },
  };
}
