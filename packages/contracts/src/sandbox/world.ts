/**
 * The state of a sandbox's emulated site at one moment of its clock, and the events the engine
 * emits as it advances (issue 13). The emulated Location (MEC 013) and RNIS (MEC 012) services
 * answer from the snapshot and notify from the events; the portal map draws the snapshot.
 *
 * Determinism: the engine emits events in a total order (`seq`) that depends only on the
 * scenario, the seed and the injected events with their clock times, never on wall time.
 */
import { z } from 'zod';
import { ZLngLat, ZNetChar, ZPoaType } from './scenario';

export const ZWorldUe = z.object({
  id: z.string(),
  address: z.string(),
  location: ZLngLat,
  speedMps: z.number(),
  /** The serving POA, its zone and the MEC node serving that zone; null when out of every POA's range. */
  poaId: z.string().nullable(),
  zoneId: z.string().nullable(),
  mecNodeId: z.string().nullable(),
  moving: z.boolean(),
});
export type TWorldUe = z.infer<typeof ZWorldUe>;

export const ZWorldPoa = z.object({
  id: z.string(),
  zoneId: z.string(),
  type: ZPoaType,
  location: ZLngLat,
  radiusM: z.number(),
  cellId: z.string(),
  up: z.boolean(),
  netChar: ZNetChar,
});
export type TWorldPoa = z.infer<typeof ZWorldPoa>;

export const ZWorldZone = z.object({ id: z.string(), domainId: z.string(), name: z.string(), netChar: ZNetChar, mecNodeId: z.string().nullable() });
export type TWorldZone = z.infer<typeof ZWorldZone>;

export const ZWorldSnapshot = z.object({
  scenarioId: z.string(),
  seed: z.int(),
  timeSec: z.number(),
  /** The last event's sequence number (0: none yet). */
  seq: z.int(),
  ues: z.array(ZWorldUe),
  poas: z.array(ZWorldPoa),
  zones: z.array(ZWorldZone),
}).meta({ id: 'SandboxWorld' });
export type TWorldSnapshot = z.infer<typeof ZWorldSnapshot>;

const eventBase = { seq: z.int().min(1), timeSec: z.number() };
/**
 * What changed. `ue-poa-change` carries zone and node moves too (entering or leaving a zone is a
 * POA change whose zones differ); `ue-moved` is emitted once per UE per tick only to streams that
 * ask for positions (the portal map), never into the ordered event log.
 */
export const ZEngineEvent = z.discriminatedUnion('kind', [
  z.object({ ...eventBase, kind: z.literal('ue-poa-change'), ueId: z.string(), fromPoaId: z.string().nullable(), toPoaId: z.string().nullable(), fromZoneId: z.string().nullable(), toZoneId: z.string().nullable() }),
  z.object({ ...eventBase, kind: z.literal('poa-state'), poaId: z.string(), up: z.boolean() }),
  z.object({ ...eventBase, kind: z.literal('net-char'), target: z.string(), netChar: ZNetChar }),
  z.object({ ...eventBase, kind: z.literal('ue-teleported'), ueId: z.string(), location: ZLngLat }),
  z.object({ ...eventBase, kind: z.literal('ue-speed'), ueId: z.string(), speedMps: z.number() }),
]);
export type TEngineEvent = z.infer<typeof ZEngineEvent>;
