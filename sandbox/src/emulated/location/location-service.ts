/**
 * The emulated MEC 013 v2.2.1 Location service over one engine's world, as a Hono app a site
 * mounts at `LOCATION_BASE_PATH` on its MEC API gateway. Queries answer from the live world;
 * zonalTraffic and userTracking subscriptions notify from the engine's POA changes, circle and
 * distance ones from a check after every tick. Periodic and zoneStatus subscriptions are not
 * emulated (POST answers 422, lists are empty).
 *
 * @example
 *   const location = createLocationService({ engine, notifier, apiRoot: 'http://10.90.0.1:8080' });
 *   gateway.route(LOCATION_BASE_PATH, location.app);
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { AppError } from '@mecport/contracts/errors';
import type { TEngineEvent } from '@mecport/contracts/sandbox';
import type { TEngine } from '../../engine/engine';
import { distanceM } from '../geo';
import { parseJsonBody, parseQuery } from '../mec-input';
import { answerProblems, NotEmulatedError } from '../mec-problem';
import type { TNotifier } from '../notifier';
import { SubscriptionStore, type TStored } from '../subscription-store';
import { accessPointInfo, stampOf, terminalLocation, userInfo, usersPerPoa, zoneInfo, type TLocationContext } from './location-answers';
import {
  LOCATION_BASE_PATH, LOCATION_SUBSCRIPTION_KINDS, QueryAccessPoints, QueryDistance, QueryUsers, type TLocationKind, type TLocationSubscription,
} from './location-models';
import { presenceChanges, wants, zonalPresenceNotification, type TPresenceChange } from './location-presence';
import { checkCircle, checkDistance, newTickState, type TWatchResult } from './location-watch';

export interface TEmulatedServiceOptions {
  engine: TEngine;
  notifier: TNotifier;
  /** The gateway's root as the app reaches it (`http://host:port`); resource URLs start with it. */
  apiRoot: string;
  /** The wall time (ms) the sandbox clock's t = 0 stands for, for MEC time stamps; default: now. */
  epochMs?: number;
  log?: (error: unknown) => void;
}

export interface TEmulatedService {
  readonly basePath: string;
  readonly app: Hono;
  /** Forgets every subscription (the site's reset). */
  reset(): void;
  /** Stops listening to the engine. */
  close(): void;
  subscriptionCount(): number;
}

type TStoredSub = TStored<TLocationSubscription>;
const SUBSCRIPTION_REL = {
  zonalTraffic: 'ZonalTrafficSubscription', userTracking: 'UserTrackingSubscription', circle: 'CircleNotificationSubscription', distance: 'DistanceNotificationSubscription',
} as const;
const NOT_EMULATED = ['periodic', 'zoneStatus'] as const;

export function createLocationService(options: TEmulatedServiceOptions): TEmulatedService {
  const { engine, notifier } = options;
  const root = `${options.apiRoot.replace(/\/+$/, '')}${LOCATION_BASE_PATH}`;
  const ctx: TLocationContext = { root, epochMs: options.epochMs ?? Date.now(), view: engine.view };
  const store = new SubscriptionStore<TLocationSubscription>();
  const byAddress = new Map<string, Set<TStoredSub>>();
  const resourceURL = (kind: TLocationKind, id: string) => `${root}/subscriptions/${LOCATION_SUBSCRIPTION_KINDS[kind].path}/${id}`;
  const answer = (s: TStoredSub) => ({ ...s.value.body, resourceURL: resourceURL(s.value.kind, s.id) });

  const index = (s: TStoredSub, on: boolean) => {
    if (s.value.kind !== 'userTracking') return;
    const address = s.value.body.address;
    const set = byAddress.get(address) ?? new Set();
    if (on) set.add(s);
    else set.delete(s);
    if (set.size > 0) byAddress.set(address, set);
    else byAddress.delete(address);
  };

  const notify = (s: TStoredSub, body: unknown, atSec: number) =>
    notifier.send({ api: 'location', url: s.value.body.callbackReference.notifyURL, body, atSec });

  const presence = (s: TStoredSub, change: TPresenceChange, address: string, atSec: number) => {
    const link = { rel: SUBSCRIPTION_REL[s.value.kind as 'zonalTraffic'], href: resourceURL(s.value.kind, s.id) };
    notify(s, zonalPresenceNotification(change, address, stampOf(ctx), link, s.value.body.callbackReference.callbackData), atSec);
  };

  const onPoaChange = (e: Extract<TEngineEvent, { kind: 'ue-poa-change' }>) => {
    const ue = engine.view.ues.get(e.ueId);
    if (!ue) return;
    const changes = presenceChanges(e);
    if (changes.length === 0) return;
    for (const s of store.list('zonalTraffic')) {
      if (s.value.kind !== 'zonalTraffic') continue;
      for (const c of changes) if (c.zoneId === s.value.body.zoneId && wants(s.value.body.userEventCriteria, c.userEventType)) presence(s, c, ue.address, e.timeSec);
    }
    for (const s of byAddress.get(ue.address) ?? []) {
      if (s.value.kind !== 'userTracking') continue;
      for (const c of changes) if (wants(s.value.body.userEventCriteria, c.userEventType)) presence(s, c, ue.address, e.timeSec);
    }
  };

  /** Circle and distance: one check; a notification when due; the subscription ends after its final one. */
  const watch = (s: TStoredSub, nowSec: number, first: boolean) => {
    const v = s.value;
    let result: TWatchResult | null = null;
    if (v.kind === 'circle') result = checkCircle(v.body, v.state, engine.view.uesByAddress, nowSec, first);
    else if (v.kind === 'distance') result = checkDistance(v.body, v.state, engine.view.uesByAddress, nowSec, first);
    if (!result || (v.kind !== 'circle' && v.kind !== 'distance')) return;
    const terminals = result.addresses.flatMap((a) => {
      const ue = engine.view.uesByAddress.get(a);
      return ue ? [terminalLocation(ctx, ue)] : [];
    });
    const criteria = v.kind === 'circle' ? { enteringLeavingCriteria: v.body.enteringLeavingCriteria } : { distanceCriteria: v.body.criteria };
    const callbackData = v.body.callbackReference.callbackData;
    notify(s, {
      subscriptionNotification: {
        ...(callbackData !== undefined ? { callbackData } : {}), ...criteria, isFinalNotification: result.final,
        link: [{ rel: SUBSCRIPTION_REL[v.kind], href: resourceURL(v.kind, s.id) }], terminalLocation: terminals,
      },
    }, nowSec);
    if (result.final) store.delete(v.kind, s.id);
  };

  const onTick = (nowSec: number) => {
    for (const s of store.list()) {
      if (s.value.expiresAtSec !== null && nowSec >= s.value.expiresAtSec) {
        index(s, false);
        store.delete(s.value.kind, s.id);
      } else watch(s, nowSec, false);
    }
  };

  const stopEvents = engine.onEvent((e) => {
    if (e.kind === 'ue-poa-change') onPoaChange(e);
  });
  const stopTicks = engine.onTick(onTick);

  const app = new Hono();
  answerProblems(app, options.log);
  app.get('/queries/users', (c) => queryUsers(c, ctx));
  app.get('/queries/zones', (c) => {
    const perPoa = usersPerPoa(engine.view);
    return c.json({ zoneList: { zone: [...engine.view.zones.keys()].map((id) => zoneInfo(ctx, id, perPoa)), resourceURL: `${root}/queries/zones` } });
  });
  app.get('/queries/zones/:zoneId', (c) => c.json({ zoneInfo: zoneInfo(ctx, knownZone(ctx, c.req.param('zoneId')), usersPerPoa(engine.view)) }));
  app.get('/queries/zones/:zoneId/accessPoints', (c) => {
    const zoneId = knownZone(ctx, c.req.param('zoneId'));
    parseQuery(c, QueryAccessPoints);
    const perPoa = usersPerPoa(engine.view);
    const accessPoint = [...engine.view.poas.values()].filter((p) => p.zoneId === zoneId).map((p) => accessPointInfo(ctx, p, perPoa));
    return c.json({ accessPointList: { zoneId, accessPoint, resourceURL: `${root}/queries/zones/${encodeURIComponent(zoneId)}/accessPoints` } });
  });
  app.get('/queries/zones/:zoneId/accessPoints/:accessPointId', (c) => {
    const zoneId = knownZone(ctx, c.req.param('zoneId'));
    const poa = engine.view.poas.get(c.req.param('accessPointId'));
    if (!poa || poa.zoneId !== zoneId) throw new AppError('not-found', `No access point ${c.req.param('accessPointId')} in zone ${zoneId}`);
    return c.json({ accessPointInfo: accessPointInfo(ctx, poa, usersPerPoa(engine.view)) });
  });
  app.get('/queries/distance', (c) => queryDistance(c, ctx));

  for (const kind of Object.keys(LOCATION_SUBSCRIPTION_KINDS) as TLocationKind[]) {
    const { path, key, schema } = LOCATION_SUBSCRIPTION_KINDS[kind];
    const bodySchema = schemaOf(key, schema);
    const load = (c: Context) => {
      const s = store.get(kind, c.req.param('subscriptionId') ?? '');
      if (!s) throw new AppError('not-found', `No ${kind} subscription ${c.req.param('subscriptionId')}`);
      return s;
    };
    const make = async (c: Context): Promise<TLocationSubscription> => {
      const body = ((await parseJsonBody(c, bodySchema)) as Record<string, unknown>)[key] as TLocationSubscription['body'];
      checkSubscription(ctx, kind, body, notifier);
      const duration = 'duration' in body ? body.duration : undefined;
      const expiresAtSec = duration ? engine.view.timeSec + duration : null;
      if (kind === 'circle' || kind === 'distance') return { kind, body, expiresAtSec, state: newTickState() } as TLocationSubscription;
      return { kind, body, expiresAtSec: kind === 'userTracking' ? null : expiresAtSec } as TLocationSubscription;
    };
    app.get(`/subscriptions/${path}`, (c) =>
      c.json({ notificationSubscriptionList: { [key]: store.list(kind).map(answer), resourceURL: `${root}/subscriptions/${path}` } }));
    app.post(`/subscriptions/${path}`, async (c) => {
      const value = await make(c);
      const s = store.add(kind, () => value);
      index(s, true);
      const created = answer(s);
      watch(s, engine.view.timeSec, true);
      return c.json({ [key]: created }, 201, { location: created.resourceURL });
    });
    app.get(`/subscriptions/${path}/:subscriptionId`, (c) => c.json({ [key]: answer(load(c)) }));
    app.put(`/subscriptions/${path}/:subscriptionId`, async (c) => {
      const s = load(c);
      const value = await make(c);
      index(s, false);
      store.replace(kind, s.id, value);
      index(s, true);
      watch(s, engine.view.timeSec, true);
      return c.json({ [key]: answer(s) });
    });
    app.delete(`/subscriptions/${path}/:subscriptionId`, (c) => {
      const s = load(c);
      index(s, false);
      store.delete(kind, s.id);
      return c.body(null, 204);
    });
  }
  for (const path of NOT_EMULATED) {
    app.get(`/subscriptions/${path}`, (c) => c.json({ notificationSubscriptionList: { resourceURL: `${root}/subscriptions/${path}` } }));
    app.post(`/subscriptions/${path}`, () => {
      throw new NotEmulatedError(`${path} subscriptions are not emulated by the sandbox; zonalTraffic, userTracking, area/circle and distance are`);
    });
  }

  return {
    basePath: LOCATION_BASE_PATH,
    app,
    reset: () => {
      store.clear();
      byAddress.clear();
    },
    close: () => {
      stopEvents();
      stopTicks();
    },
    subscriptionCount: () => store.size,
  };
}

function schemaOf<K extends string, S extends z.ZodType>(key: K, schema: S) {
  return z.object({ [key]: schema } as Record<K, S>);
}

function knownZone(ctx: TLocationContext, zoneId: string): string {
  if (!ctx.view.zones.has(zoneId)) throw new AppError('not-found', `No zone ${zoneId} in this sandbox's scenario`);
  return zoneId;
}

/** Refuses what the sandbox could never honour: unknown zones and addresses, XML, refused callbacks. */
function checkSubscription(ctx: TLocationContext, kind: TLocationKind, body: TLocationSubscription['body'], notifier: TNotifier): void {
  const key = LOCATION_SUBSCRIPTION_KINDS[kind].key;
  const bad = (field: string, message: string) => new AppError('validation', `body.${key}.${field}: ${message}`, { errors: [{ in: 'body', field: `${key}.${field}`, message }] });
  if (body.callbackReference.notificationFormat === 'XML') throw new NotEmulatedError('XML notifications are not emulated; use JSON');
  const refused = notifier.check(body.callbackReference.notifyURL);
  if (refused !== undefined) throw bad('callbackReference.notifyURL', `the sandbox will not call it: ${refused}`);
  if ('zoneId' in body && !ctx.view.zones.has(body.zoneId)) throw bad('zoneId', `no zone ${body.zoneId} in this sandbox's scenario`);
  const addresses: [string, string[]][] = [];
  if ('address' in body) addresses.push(['address', typeof body.address === 'string' ? [body.address] : body.address]);
  if ('monitoredAddress' in body) addresses.push(['monitoredAddress', body.monitoredAddress], ['referenceAddress', body.referenceAddress ?? []]);
  for (const [field, list] of addresses) {
    const unknown = list.find((a) => !ctx.view.uesByAddress.has(a));
    if (unknown !== undefined) throw bad(field, `no user ${unknown} in this sandbox's scenario`);
  }
}

function queryUsers(c: Context, ctx: TLocationContext) {
  const q = parseQuery(c, QueryUsers);
  const zones = q.zoneId && new Set(q.zoneId);
  const poas = q.accessPointId && new Set(q.accessPointId);
  const addresses = q.address && new Set(q.address);
  const user = [];
  for (const ue of ctx.view.ues.values()) {
    if (ue.poaId === null || ue.zoneId === null) continue;
    if ((zones && !zones.has(ue.zoneId)) || (poas && !poas.has(ue.poaId)) || (addresses && !addresses.has(ue.address))) continue;
    user.push(userInfo(ctx, ue));
  }
  const search = new URL(c.req.url).search;
  return c.json({ userList: { user, resourceURL: `${ctx.root}/queries/users${search}` } });
}

function queryDistance(c: Context, ctx: TLocationContext) {
  const q = parseQuery(c, QueryDistance);
  const located = q.address.map((address) => {
    const ue = ctx.view.uesByAddress.get(address);
    if (!ue) throw new AppError('not-found', `No user ${address} in this sandbox's scenario`);
    return ue.location;
  });
  const to = located[1] ?? ([q.longitude!, q.latitude!] as const);
  return c.json({ terminalDistance: { distance: Math.round(distanceM(located[0]!, to)), timestamp: stampOf(ctx) } });
}
