/**
 * The per-tick checks of circle and distance subscriptions (MEC 013 SubscriptionNotification).
 * Both notify on a change of state, not on every tick: circle when an address crosses the circle
 * in the subscribed direction, distance when the criteria become true. `checkImmediate` makes
 * the first check (at creation) notify when the condition already holds. `frequency` is the least
 * time between two notifications of one subscription (a crossing inside that time is not told);
 * `count` caps the notifications per address (circle) or in all (distance), the last one being
 * `isFinalNotification` and ending the subscription.
 */
import type { TWorldUe } from '@mecport/contracts/sandbox';
import { distanceM } from '../geo';
import type { TCircleNotificationSubscription, TDistanceNotificationSubscription, TTickState } from './location-models';

type TUes = ReadonlyMap<string, Readonly<TWorldUe>>;

export interface TWatchResult {
  /** The addresses whose location the notification carries. */
  addresses: string[];
  final: boolean;
}

export const newTickState = (): TTickState => ({ inside: new Map(), sent: new Map(), lastNotifiedSec: null });

const throttled = (state: TTickState, frequency: number, nowSec: number) =>
  frequency > 0 && state.lastNotifiedSec !== null && nowSec - state.lastNotifiedSec < frequency;

export function checkCircle(sub: TCircleNotificationSubscription, state: TTickState, uesByAddress: TUes, nowSec: number, first: boolean): TWatchResult | null {
  const centre = [sub.longitude, sub.latitude] as const;
  const crossed: string[] = [];
  for (const address of sub.address) {
    const ue = uesByAddress.get(address);
    if (!ue) continue;
    const inside = distanceM(ue.location, centre) <= sub.radius;
    const before = state.inside.get(address);
    state.inside.set(address, inside);
    const holds = sub.enteringLeavingCriteria === 'Entering' ? inside : !inside;
    if (holds && (first ? sub.checkImmediate : before !== undefined && before !== inside)) crossed.push(address);
  }
  const count = sub.count ?? 0;
  const due = crossed.filter((a) => count === 0 || (state.sent.get(a) ?? 0) < count);
  if (due.length === 0 || throttled(state, sub.frequency, nowSec)) return null;
  state.lastNotifiedSec = nowSec;
  for (const a of due) state.sent.set(a, (state.sent.get(a) ?? 0) + 1);
  const final = count > 0 && sub.address.every((a) => (state.sent.get(a) ?? 0) >= count);
  return { addresses: due, final };
}

function pairs(sub: TDistanceNotificationSubscription): [string, string][] {
  if (sub.referenceAddress) return sub.monitoredAddress.flatMap((m) => sub.referenceAddress!.map((r): [string, string] => [m, r]));
  const m = sub.monitoredAddress;
  return m.flatMap((a, i) => m.slice(i + 1).map((b): [string, string] => [a, b]));
}

export function distanceCriteriaMet(sub: TDistanceNotificationSubscription, uesByAddress: TUes): boolean {
  const within: boolean[] = [];
  for (const [a, b] of pairs(sub)) {
    const ua = uesByAddress.get(a);
    const ub = uesByAddress.get(b);
    if (ua && ub) within.push(distanceM(ua.location, ub.location) <= sub.distance);
  }
  if (within.length === 0) return false;
  switch (sub.criteria) {
    case 'AllWithinDistance': return within.every(Boolean);
    case 'AnyWithinDistance': return within.some(Boolean);
    case 'AllBeyondDistance': return within.every((w) => !w);
    case 'AnyBeyondDistance': return within.some((w) => !w);
  }
}

export function checkDistance(sub: TDistanceNotificationSubscription, state: TTickState, uesByAddress: TUes, nowSec: number, first: boolean): TWatchResult | null {
  const met = distanceCriteriaMet(sub, uesByAddress);
  const before = state.inside.get('');
  state.inside.set('', met);
  const becameTrue = met && (first ? sub.checkImmediate : before === false);
  if (!becameTrue || throttled(state, sub.frequency, nowSec)) return null;
  state.lastNotifiedSec = nowSec;
  const sent = (state.sent.get('') ?? 0) + 1;
  state.sent.set('', sent);
  const count = sub.count ?? 0;
  return { addresses: [...new Set([...sub.monitoredAddress, ...(sub.referenceAddress ?? [])])], final: count > 0 && sent >= count };
}
