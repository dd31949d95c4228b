/**
 * Applies one scenario event (scripted or injected) to the world at the current clock time, and
 * logs what changed: the event's own record first, then any serving-POA changes it causes (with
 * the UEs where the last tick put them). Params are validated by kind
 * (`SCENARIO_EVENT_PARAMS`); a target of the wrong kind is refused.
 */
import { AppError } from '@mecport/contracts/errors';
import { SCENARIO_EVENT_PARAMS, type TInjectedEvent } from '@mecport/contracts/sandbox';
import type { TEventBody } from './event-log';
import { effectiveNetChar, reassign, type TUeState, type TWorldState } from './world-state';

type TEmit = (body: TEventBody) => void;

function invalid(message: string, field = 'target'): AppError {
  return new AppError('validation', message, { errors: [{ in: 'body', field, message }] });
}

function parseParams<K extends TInjectedEvent['kind']>(kind: K, params: unknown) {
  const parsed = SCENARIO_EVENT_PARAMS[kind].safeParse(params ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(`${kind}: ${issue.message}`, ['params', ...issue.path].join('.'));
  }
  return parsed.data as ReturnType<(typeof SCENARIO_EVENT_PARAMS)[K]['parse']>;
}

/** Re-evaluates the serving POA of `ues` (in order) and logs each change. */
export function reassignAll(state: TWorldState, ues: readonly TUeState[], timeSec: number, emit: TEmit): void {
  for (const ue of ues) {
    const from = reassign(state, ue.world);
    if (from) emit({ timeSec, kind: 'ue-poa-change', ueId: ue.world.id, ...from, toPoaId: ue.world.poaId, toZoneId: ue.world.zoneId });
  }
}

function ueOf(state: TWorldState, id: string): TUeState {
  const ue = state.uesById.get(id);
  if (!ue) throw invalid(`No UE "${id}" in this scenario`);
  return ue;
}

function setPoaUp(state: TWorldState, poaId: string, up: boolean, timeSec: number, emit: TEmit): void {
  const poa = state.poas.get(poaId);
  if (!poa) throw invalid(`No point of access "${poaId}" in this scenario`);
  if (poa.up === up) return; // already so: nothing changed, nothing to log
  poa.up = up;
  emit({ timeSec, kind: 'poa-state', poaId, up });
  // Down: only its UEs move. Up: any UE may now be nearer to it.
  reassignAll(state, up ? state.ues : state.ues.filter((ue) => ue.world.poaId === poaId), timeSec, emit);
}

function setNetwork(state: TWorldState, target: string, params: unknown, timeSec: number, emit: TEmit): void {
  const { netChar } = parseParams('set-network', params);
  const zone = state.zones.get(target);
  if (zone) {
    zone.netChar = { ...zone.netChar, ...netChar };
    for (const poa of state.poasById) if (poa.zoneId === target) poa.netChar = effectiveNetChar(zone.netChar, state.poaPatches.get(poa.id));
    emit({ timeSec, kind: 'net-char', target, netChar: { ...zone.netChar } });
    return;
  }
  const poa = state.poas.get(target);
  if (!poa) throw invalid(`No zone or point of access "${target}" in this scenario`);
  const patch = { ...state.poaPatches.get(target), ...netChar };
  state.poaPatches.set(target, patch);
  poa.netChar = effectiveNetChar(state.zones.get(poa.zoneId)!.netChar, patch);
  emit({ timeSec, kind: 'net-char', target, netChar: { ...poa.netChar } });
}

/** @throws AppError validation for an unknown target or bad params (the world is then unchanged) */
export function applyEvent(state: TWorldState, event: TInjectedEvent, timeSec: number, emit: TEmit): void {
  switch (event.kind) {
    case 'move-ue': {
      const { to } = parseParams('move-ue', event.params);
      const ue = ueOf(state, event.target);
      // Off its path for good: it stays where it was put (a later set-ue-speed changes only the reported speed).
      ue.track = null;
      ue.world.location = [to[0], to[1]];
      ue.world.moving = false;
      emit({ timeSec, kind: 'ue-teleported', ueId: ue.world.id, location: ue.world.location });
      reassignAll(state, [ue], timeSec, emit);
      return;
    }
    case 'set-ue-speed': {
      const { speedMps } = parseParams('set-ue-speed', event.params);
      const ue = ueOf(state, event.target);
      ue.world.speedMps = speedMps;
      if (speedMps === 0) ue.world.moving = false;
      emit({ timeSec, kind: 'ue-speed', ueId: ue.world.id, speedMps });
      return;
    }
    case 'access-point-down':
    case 'access-point-up':
      parseParams(event.kind, event.params);
      setPoaUp(state, event.target, event.kind === 'access-point-up', timeSec, emit);
      return;
    case 'set-network':
      setNetwork(state, event.target, event.params, timeSec, emit);
  }
}
