/**
 * The MEP's service registry and the availability subscriptions, part of `Mp1Registry`
 * (reach it as `registry.services`). Apps act on their own services only; the HTTP layer has
 * already checked that the caller's token belongs to `appInstanceId`.
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { AppError } from '@mecport/contracts/errors';
import type { TChangeType, TSerAvailabilitySubscriptionRequest, TServiceInfo, TServiceInfoPost, TTransportInfo } from '@mecport/contracts/mec011';
import { matchesQuery, type TServiceQuery, withServiceDefaults } from '../service-filter';
import type { TMp1Snapshot } from './snapshot';

export const MAX_SERVICES_PER_APP = 64;
export const MAX_SUBSCRIPTIONS_PER_APP = 64;

interface TServiceRecord { appInstanceId: string; service: TServiceInfo }
export interface TServiceSubscriptionRecord { subscriptionId: string; appInstanceId: string; subscription: TSerAvailabilitySubscriptionRequest }

interface TCatalogEvents { serviceChanged(appInstanceId: string, service: TServiceInfo, changeType: TChangeType): void; stateChanged(): void }

/** JSON equality: zod output never carries `undefined` members, but a host's objects might. */
const sameJson = (a: unknown, b: unknown) => isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));

export class ServiceCatalog {
  private readonly records = new Map<string, TServiceRecord>();
  private readonly subscriptions = new Map<string, TServiceSubscriptionRecord>();

  constructor(private readonly events: TCatalogEvents, private readonly platformTransports: () => TTransportInfo[]) {}

  find(query: TServiceQuery, appInstanceId?: string): TServiceInfo[] {
    const out: TServiceInfo[] = [];
    for (const r of this.records.values()) if ((appInstanceId === undefined || r.appInstanceId === appInstanceId) && matchesQuery(r.service, query)) out.push(r.service);
    return out;
  }

  get(serInstanceId: string, appInstanceId?: string): TServiceInfo {
    const r = this.records.get(serInstanceId);
    if (!r || (appInstanceId !== undefined && r.appInstanceId !== appInstanceId)) {
      throw new AppError('not-found', appInstanceId === undefined ? `No service ${serInstanceId}` : `No service ${serInstanceId} registered by app instance ${appInstanceId}`);
    }
    return r.service;
  }

  register(appInstanceId: string, post: TServiceInfoPost): TServiceInfo {
    if (this.countOf(this.records.values(), appInstanceId) >= MAX_SERVICES_PER_APP) throw new AppError('forbidden', `An app instance may register at most ${MAX_SERVICES_PER_APP} services`);
    const { transportId, transportInfo, serInstanceId: _ignored, ...rest } = post;
    const transport = transportInfo ?? this.platformTransports().find((t) => t.id === transportId);
    if (!transport) throw new AppError('validation', `transportId "${transportId}" is not a transport of this platform (see GET /transports)`, { errors: [{ in: 'body', field: 'transportId', message: 'unknown transport' }] });
    const service = withServiceDefaults({ ...rest, transportInfo: transport, serInstanceId: randomUUID() });
    this.records.set(service.serInstanceId, { appInstanceId, service });
    this.events.serviceChanged(appInstanceId, service, 'ADDED');
    return service;
  }

  update(appInstanceId: string, serInstanceId: string, body: Omit<TServiceInfo, 'serInstanceId'> & { serInstanceId?: string }): TServiceInfo {
    const previous = this.get(serInstanceId, appInstanceId);
    if (body.serInstanceId !== undefined && body.serInstanceId !== serInstanceId) {
      throw new AppError('validation', `serInstanceId in the body (${body.serInstanceId}) differs from the one in the path (${serInstanceId})`, { errors: [{ in: 'body', field: 'serInstanceId', message: 'must match the path' }] });
    }
    const service = withServiceDefaults({ ...body, serInstanceId });
    const changeType = classifyChange(previous, service);
    this.records.set(serInstanceId, { appInstanceId, service });
    if (changeType) this.events.serviceChanged(appInstanceId, service, changeType);
    return service;
  }

  deregister(appInstanceId: string, serInstanceId: string): void {
    const service = this.get(serInstanceId, appInstanceId);
    this.records.delete(serInstanceId);
    this.events.serviceChanged(appInstanceId, service, 'REMOVED');
  }

  subscribe(appInstanceId: string, subscription: TSerAvailabilitySubscriptionRequest): TServiceSubscriptionRecord {
    if (this.countOf(this.subscriptions.values(), appInstanceId) >= MAX_SUBSCRIPTIONS_PER_APP) throw new AppError('forbidden', `An app instance may hold at most ${MAX_SUBSCRIPTIONS_PER_APP} availability subscriptions`);
    const record = { subscriptionId: randomUUID(), appInstanceId, subscription };
    this.subscriptions.set(record.subscriptionId, record);
    this.events.stateChanged();
    return record;
  }

  subscriptionsOf(appInstanceId: string): TServiceSubscriptionRecord[] {
    return [...this.subscriptions.values()].filter((s) => s.appInstanceId === appInstanceId);
  }

  allSubscriptions(): IterableIterator<TServiceSubscriptionRecord> {
    return this.subscriptions.values();
  }

  subscription(appInstanceId: string, subscriptionId: string): TServiceSubscriptionRecord {
    const s = this.subscriptions.get(subscriptionId);
    if (!s || s.appInstanceId !== appInstanceId) throw new AppError('not-found', `No availability subscription ${subscriptionId} of app instance ${appInstanceId}`);
    return s;
  }

  unsubscribe(appInstanceId: string, subscriptionId: string): void {
    this.subscription(appInstanceId, subscriptionId);
    this.subscriptions.delete(subscriptionId);
    this.events.stateChanged();
  }

  /** An app instance went away: its services are REMOVED (others are told), its subscriptions dropped. */
  removeApp(appInstanceId: string): void {
    for (const [id, s] of this.subscriptions) if (s.appInstanceId === appInstanceId) this.subscriptions.delete(id);
    for (const [id, r] of this.records) {
      if (r.appInstanceId !== appInstanceId) continue;
      this.records.delete(id);
      this.events.serviceChanged(appInstanceId, r.service, 'REMOVED');
    }
  }

  snapshot(): Pick<TMp1Snapshot, 'services' | 'serviceSubscriptions'> {
    return { services: [...this.records.values()].map((r) => structuredClone(r)), serviceSubscriptions: [...this.subscriptions.values()].map((s) => structuredClone(s)) };
  }

  restore(snapshot: Pick<TMp1Snapshot, 'services' | 'serviceSubscriptions'>): void {
    this.records.clear();
    this.subscriptions.clear();
    for (const r of snapshot.services) this.records.set(r.service.serInstanceId, structuredClone(r));
    for (const s of snapshot.serviceSubscriptions) this.subscriptions.set(s.subscriptionId, structuredClone(s));
  }

  private countOf(values: Iterable<{ appInstanceId: string }>, appInstanceId: string): number {
    let n = 0;
    for (const v of values) if (v.appInstanceId === appInstanceId) n++;
    return n;
  }
}

/** STATE_CHANGED when only `state` differs; ATTRIBUTES_CHANGED when anything else does; nothing when equal. */
function classifyChange(before: TServiceInfo, after: TServiceInfo): TChangeType | undefined {
  const { state: s1, ...rest1 } = before;
  const { state: s2, ...rest2 } = after;
  if (!sameJson(rest1, rest2)) return 'ATTRIBUTES_CHANGED';
  return s1 === s2 ? undefined : 'STATE_CHANGED';
}
