/**
 * MEC 013 v2.2.1 (Location API) request models of the emulated Location service, as zod schemas
 * named after the spec's types; answers are built to the spec's response schemas in
 * `location-answers.ts` and checked against the official file by the conformance tests.
 */
import { z } from 'zod';
import { zQueryList } from '../mec-input';

export const LOCATION_BASE_PATH = '/location/v2';

export const USER_EVENT_TYPES = ['Entering', 'Leaving', 'Transferring'] as const;
export const ZUserEventType = z.enum(USER_EVENT_TYPES);
export type TUserEventType = z.infer<typeof ZUserEventType>;

const ZAddress = z.string().min(1).max(200);
const ZCount = z.int().min(0).max(1_000_000);
/** A list where the spec's own examples sometimes send one value: accept both, answer the list. */
const zOneOrMany = <T extends z.ZodType>(item: T) => z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(item).min(1).max(1000));

export const ZCallbackReference = z.object({
  callbackData: z.string().max(2000).optional(),
  notificationFormat: z.enum(['XML', 'JSON']).optional(),
  notifyURL: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).max(2000),
});

const subscriptionCommon = {
  callbackReference: ZCallbackReference,
  clientCorrelator: z.string().max(200).optional(),
  resourceURL: z.string().max(2000).optional(),
};

export const ZZonalTrafficSubscription = z.object({
  ...subscriptionCommon,
  zoneId: z.string().min(1).max(100),
  interestRealm: z.array(z.string().max(200)).max(100).optional(),
  userEventCriteria: z.array(ZUserEventType).max(3).optional(),
  duration: ZCount.optional(),
});
export type TZonalTrafficSubscription = z.infer<typeof ZZonalTrafficSubscription>;

export const ZUserTrackingSubscription = z.object({
  ...subscriptionCommon,
  address: ZAddress,
  userEventCriteria: z.array(ZUserEventType).max(3).optional(),
});
export type TUserTrackingSubscription = z.infer<typeof ZUserTrackingSubscription>;

const periodicCommon = {
  ...subscriptionCommon,
  checkImmediate: z.boolean(),
  count: ZCount.optional(),
  duration: ZCount.optional(),
  /** Seconds between notifications at least (0: no limit). */
  frequency: ZCount,
  requester: z.string().max(200).optional(),
  trackingAccuracy: z.number().min(0).max(100_000),
  link: z.array(z.object({ rel: z.string().max(200), href: z.string().max(2000) })).max(10).optional(),
};

export const ZCircleNotificationSubscription = z.object({
  ...periodicCommon,
  address: zOneOrMany(ZAddress),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  radius: z.number().positive().max(1_000_000),
  enteringLeavingCriteria: z.enum(['Entering', 'Leaving']),
});
export type TCircleNotificationSubscription = z.infer<typeof ZCircleNotificationSubscription>;

export const DISTANCE_CRITERIA = ['AllWithinDistance', 'AnyWithinDistance', 'AllBeyondDistance', 'AnyBeyondDistance'] as const;
export const ZDistanceNotificationSubscription = z.object({
  ...periodicCommon,
  monitoredAddress: zOneOrMany(ZAddress),
  referenceAddress: zOneOrMany(ZAddress).optional(),
  distance: z.number().positive().max(20_000_000),
  criteria: z.enum(DISTANCE_CRITERIA),
}).refine((s) => s.referenceAddress !== undefined || s.monitoredAddress.length >= 2, {
  path: ['monitoredAddress'], message: 'without referenceAddress, give at least two monitored addresses (their distances to each other are watched)',
});
export type TDistanceNotificationSubscription = z.infer<typeof ZDistanceNotificationSubscription>;

/** The emulated subscription kinds: the path segment, the body's wrapper key and the schema. */
export const LOCATION_SUBSCRIPTION_KINDS = {
  zonalTraffic: { path: 'zonalTraffic', key: 'zonalTrafficSubscription', schema: ZZonalTrafficSubscription },
  userTracking: { path: 'userTracking', key: 'userTrackingSubscription', schema: ZUserTrackingSubscription },
  circle: { path: 'area/circle', key: 'circleNotificationSubscription', schema: ZCircleNotificationSubscription },
  distance: { path: 'distance', key: 'distanceNotificationSubscription', schema: ZDistanceNotificationSubscription },
} as const;
export type TLocationKind = keyof typeof LOCATION_SUBSCRIPTION_KINDS;

/** What the service keeps of one subscription; `state` is the per-tick memory of circle and distance. */
export type TLocationSubscription =
  | { kind: 'zonalTraffic'; body: TZonalTrafficSubscription; expiresAtSec: number | null }
  | { kind: 'userTracking'; body: TUserTrackingSubscription; expiresAtSec: null }
  | { kind: 'circle'; body: TCircleNotificationSubscription; expiresAtSec: number | null; state: TTickState }
  | { kind: 'distance'; body: TDistanceNotificationSubscription; expiresAtSec: number | null; state: TTickState };

export interface TTickState {
  /** Circle: whether each address was inside at the last check. */
  inside: Map<string, boolean>;
  /** Notifications sent, per address (circle) or in all (distance, key ''). */
  sent: Map<string, number>;
  lastNotifiedSec: number | null;
}

export const QueryUsers = z.object({
  zoneId: zQueryList(z.string().max(100)),
  accessPointId: zQueryList(z.string().max(100)),
  address: zQueryList(ZAddress),
});

export const QueryDistance = z.object({
  requester: z.string().max(200).optional(),
  address: z.preprocess((v) => (Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : v), z.array(ZAddress).min(1).max(2)),
  latitude: z.coerce.number().min(-90).max(90).optional(),
  longitude: z.coerce.number().min(-180).max(180).optional(),
}).refine((q) => q.address.length === 2 || (q.latitude !== undefined && q.longitude !== undefined), {
  path: ['address'], message: 'give two addresses, or one address with latitude and longitude',
});

export const QueryAccessPoints = z.object({ interestRealm: z.string().max(200).optional() });
