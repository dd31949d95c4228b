/**
 * What the sandbox page knows live, built from the `.../stream` messages (or the `.../world`
 * polls when the stream is not available): the latest snapshot of the emulated site, the recent
 * engine events (newest first, each once), and the status fields a `status` message changes.
 * Pure: `parseStreamMessage` reads one server-sent event, `reduceStream` applies it.
 *
 * Events refine the snapshot between two `world` messages (an access point taken down greys at
 * once, a teleported UE jumps); a snapshot older than what the page has (lower `seq`, earlier
 * time) is dropped, so a slow poll never moves UEs backwards.
 *
 * @example
 *   let state = EMPTY_STREAM;
 *   const action = parseStreamMessage('world', data);
 *   if (action) state = reduceStream(state, action);
 */
import { ZEngineEvent, ZLngLat, ZSandboxDeployment, ZSandboxStatus, ZWorldSnapshot, type TEngineEvent, type TLngLat, type TSandbox, type TWorldSnapshot } from '@mecport/contracts/sandbox';
import { z } from 'zod';

export const RECENT_EVENTS = 200;

export type TStatusPatch = Partial<Pick<TSandbox, 'status' | 'failureReason' | 'timeSec' | 'deployment'>>;

export interface TStreamState {
  world: TWorldSnapshot | null;
  /** Newest first, at most RECENT_EVENTS. */
  events: TEngineEvent[];
  status: TStatusPatch | null;
}

export type TStreamAction =
  | { type: 'world'; world: TWorldSnapshot }
  | { type: 'event'; event: TEngineEvent }
  | { type: 'ue-moved'; ueId: string; location: TLngLat; timeSec: number }
  | { type: 'status'; patch: TStatusPatch };

export const EMPTY_STREAM: TStreamState = { world: null, events: [], status: null };

const ZStatusMessage = z.object({
  status: ZSandboxStatus.optional(),
  failureReason: z.string().nullable().optional(),
  timeSec: z.number().optional(),
  deployment: ZSandboxDeployment.nullable().optional(),
});
const ZUeMoved = z.object({ kind: z.literal('ue-moved'), ueId: z.string(), location: ZLngLat, timeSec: z.number().default(0) });

/** One server-sent event (its name and JSON data) as an action; null for what the page cannot use. */
export function parseStreamMessage(name: string, data: string): TStreamAction | null {
  let json: unknown;
  try { json = JSON.parse(data); } catch { return null; }
  if (name === 'world') {
    const world = ZWorldSnapshot.safeParse(json);
    return world.success ? { type: 'world', world: world.data } : null;
  }
  if (name === 'event') {
    const moved = ZUeMoved.safeParse(json);
    if (moved.success) return { type: 'ue-moved', ueId: moved.data.ueId, location: moved.data.location, timeSec: moved.data.timeSec };
    const event = ZEngineEvent.safeParse(json);
    return event.success ? { type: 'event', event: event.data } : null;
  }
  if (name === 'status') {
    const status = ZStatusMessage.safeParse(json);
    if (!status.success) return null;
    const patch = Object.fromEntries(Object.entries(status.data).filter(([, v]) => v !== undefined)) as TStatusPatch;
    return { type: 'status', patch };
  }
  return null;
}

/** The snapshot with one event's effect applied (what the next `world` message will also say). */
export function applyEvent(world: TWorldSnapshot, event: TEngineEvent): TWorldSnapshot {
  const next = { ...world, seq: Math.max(world.seq, event.seq), timeSec: Math.max(world.timeSec, event.timeSec) };
  switch (event.kind) {
    case 'poa-state':
      return { ...next, poas: world.poas.map((p) => (p.id === event.poaId ? { ...p, up: event.up } : p)) };
    case 'ue-teleported':
      return { ...next, ues: world.ues.map((u) => (u.id === event.ueId ? { ...u, location: event.location } : u)) };
    case 'ue-speed':
      return { ...next, ues: world.ues.map((u) => (u.id === event.ueId ? { ...u, speedMps: event.speedMps, moving: event.speedMps > 0 } : u)) };
    case 'ue-poa-change': {
      const zoneNode = new Map(world.zones.map((z) => [z.id, z.mecNodeId]));
      return {
        ...next,
        ues: world.ues.map((u) => (u.id === event.ueId ? { ...u, poaId: event.toPoaId, zoneId: event.toZoneId, mecNodeId: event.toZoneId ? (zoneNode.get(event.toZoneId) ?? null) : null } : u)),
      };
    }
    case 'net-char':
      return {
        ...next,
        zones: world.zones.map((z) => (z.id === event.target ? { ...z, netChar: event.netChar } : z)),
        poas: world.poas.map((p) => (p.id === event.target ? { ...p, netChar: event.netChar } : p)),
      };
  }
}

function isOlder(incoming: TWorldSnapshot, current: TWorldSnapshot | null): boolean {
  if (!current) return false;
  return incoming.seq < current.seq || (incoming.seq === current.seq && incoming.timeSec < current.timeSec);
}

export function reduceStream(state: TStreamState, action: TStreamAction): TStreamState {
  switch (action.type) {
    case 'world':
      // A reset starts the clock again at 0: a snapshot at time 0 with no events is always taken.
      if (isOlder(action.world, state.world) && !(action.world.seq === 0 && action.world.timeSec === 0)) return state;
      return { ...state, world: action.world };
    case 'event': {
      if (state.events.some((e) => e.seq === action.event.seq)) return state;
      const events = [action.event, ...state.events].sort((a, b) => b.seq - a.seq).slice(0, RECENT_EVENTS);
      return { ...state, events, world: state.world ? applyEvent(state.world, action.event) : null };
    }
    case 'ue-moved': {
      const { world } = state;
      if (!world) return state;
      return { ...state, world: { ...world, timeSec: Math.max(world.timeSec, action.timeSec), ues: world.ues.map((u) => (u.id === action.ueId ? { ...u, location: action.location } : u)) } };
    }
    case 'status':
      return { ...state, status: { ...state.status, ...action.patch } };
  }
}
