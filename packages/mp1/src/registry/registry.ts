/**
 * The Mp1 state of one MEP: app instances with their credentials, traffic and DNS rules and
 * ready flag, termination subscriptions, terminations in progress, and (in `services`) the
 * service registry. The host (the MEP agent) drives it; the HTTP layer serves it to apps.
 *
 * @example
 * const registry = new Mp1Registry();
 * registry.on('trafficRuleChanged', ({ appInstanceId, rule }) => upf.apply(appInstanceId, rule));
 * registry.on('stateChanged', () => persist(registry.snapshot()));
 * registry.addAppInstance({ appInstanceId, clientSecretHash, trafficRules, dnsRules });
 * const { outcome } = await registry.terminate(appInstanceId, { operationAction: 'TERMINATING', maxGracefulTimeout: 10 });
 */
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '@mecport/contracts/errors';
import { isClientSecretHash, MIN_SECRET_LENGTH, hashClientSecret, verifyClientSecret } from '../auth/client-credentials';
import { zId, zUint32, ZDnsRule, ZOperationAction, ZTrafficRule, type TAppTerminationSubscriptionRequest, type TDnsRule, type TOperationAction, type TRuleState, type TTrafficRule, type TTransportInfo } from '@mecport/contracts/mec011';
import type { TMp1Events } from './events';
import { MAX_SUBSCRIPTIONS_PER_APP, ServiceCatalog } from './service-catalog';
import { type TMp1Snapshot, ZListenPorts, ZMp1Snapshot } from './snapshot';

export const ZAppInstanceInput = z
  .object({
    appInstanceId: zId,
    /** Defaults to the app instance id. */
    clientId: zId.optional(),
    clientSecret: z.string().min(MIN_SECRET_LENGTH).optional(),
    clientSecretHash: z.string().refine(isClientSecretHash, 'must be a hash made by hashClientSecret').optional(),
    trafficRules: z.array(ZTrafficRule).default([]),
    dnsRules: z.array(ZDnsRule).default([]),
    /** The ports the app itself listens on (its declared ports): its callbacks may go to loopback on these. */
    listenPorts: ZListenPorts.default([]),
  })
  .refine((a) => (a.clientSecret === undefined) !== (a.clientSecretHash === undefined), { message: 'give exactly one of clientSecret or clientSecretHash' });
export type TAppInstanceInput = z.input<typeof ZAppInstanceInput>;

export const ZTerminateInput = z.object({ operationAction: ZOperationAction, maxGracefulTimeout: zUint32 });
export type TTerminationOutcome = 'confirmed' | 'timeout' | 'no-subscription' | 'cancelled';

interface TPendingTermination { operationAction: TOperationAction; timer: NodeJS.Timeout; settle: (outcome: TTerminationOutcome) => void }
interface TAppRecord { appInstanceId: string; clientId: string; clientSecretHash: string; ready: boolean; listenPorts: number[]; trafficRules: Map<string, TTrafficRule>; dnsRules: Map<string, TDnsRule>; termination?: TPendingTermination }
export interface TTerminationSubscriptionRecord { subscriptionId: string; appInstanceId: string; subscription: TAppTerminationSubscriptionRequest }

type TTransports = TTransportInfo[] | (() => TTransportInfo[]);
export interface TMp1RegistryOptions { /** Transports offered by the platform (`GET /transports`); the server offers its own REST one when there are none. */ transports?: TTransports }

export class Mp1Registry extends EventEmitter<TMp1Events> {
  readonly services: ServiceCatalog;
  private readonly apps = new Map<string, TAppRecord>();
  private readonly terminationSubs = new Map<string, TTerminationSubscriptionRecord>();
  private transports: () => TTransportInfo[];

  constructor(options: TMp1RegistryOptions = {}) {
    super();
    this.transports = constant(options.transports ?? []);
    this.services = new ServiceCatalog({
      serviceChanged: (appInstanceId, service, changeType) => {
        this.emit('serviceChanged', { appInstanceId, service, changeType });
        this.emit('stateChanged');
      },
      stateChanged: () => this.emit('stateChanged'),
    }, () => this.transports());
  }

  // 1. Host side: app instances, rules, transports, termination, persistence.

  addAppInstance(input: TAppInstanceInput): void {
    const a = ZAppInstanceInput.parse(input);
    if (this.apps.has(a.appInstanceId)) throw new AppError('conflict', `App instance ${a.appInstanceId} is already known`);
    const clientId = a.clientId ?? a.appInstanceId;
    if ([...this.apps.values()].some((r) => r.clientId === clientId)) throw new AppError('conflict', `Client id ${clientId} is already taken`);
    this.apps.set(a.appInstanceId, {
      appInstanceId: a.appInstanceId, clientId, clientSecretHash: a.clientSecretHash ?? hashClientSecret(a.clientSecret!), ready: false, listenPorts: a.listenPorts,
      trafficRules: byId(a.trafficRules, (r) => r.trafficRuleId), dnsRules: byId(a.dnsRules, (r) => r.dnsRuleId),
    });
    this.emit('stateChanged');
  }

  /** Forgets the instance: its services are REMOVED (subscribers are told), its subscriptions and tokens go. */
  removeAppInstance(appInstanceId: string): boolean {
    const app = this.apps.get(appInstanceId);
    if (!app) return false;
    app.termination?.settle('cancelled');
    this.apps.delete(appInstanceId);
    this.services.removeApp(appInstanceId);
    for (const [id, s] of this.terminationSubs) if (s.appInstanceId === appInstanceId) this.terminationSubs.delete(id);
    this.emit('appInstanceRemoved', { appInstanceId });
    this.emit('stateChanged');
    return true;
  }

  hasAppInstance(appInstanceId: string): boolean {
    return this.apps.has(appInstanceId);
  }

  appInstance(appInstanceId: string): { appInstanceId: string; clientId: string; ready: boolean; terminating?: TOperationAction } | undefined {
    const a = this.apps.get(appInstanceId);
    return a && { appInstanceId: a.appInstanceId, clientId: a.clientId, ready: a.ready, ...(a.termination ? { terminating: a.termination.operationAction } : {}) };
  }

  /** The host replaces an instance's rules (e.g. the operator changed them); no rule events, the host applies them itself. */
  setRules(appInstanceId: string, rules: { trafficRules?: TTrafficRule[]; dnsRules?: TDnsRule[] }): void {
    const app = this.app(appInstanceId);
    if (rules.trafficRules) app.trafficRules = byId(z.array(ZTrafficRule).parse(rules.trafficRules), (r) => r.trafficRuleId);
    if (rules.dnsRules) app.dnsRules = byId(z.array(ZDnsRule).parse(rules.dnsRules), (r) => r.dnsRuleId);
    this.emit('stateChanged');
  }

  /** The ports the instance listens on (e.g. after an upgrade declared others); callbacks to loopback may use only these. */
  setListenPorts(appInstanceId: string, ports: number[]): void {
    this.app(appInstanceId).listenPorts = ZListenPorts.parse(ports);
    this.emit('stateChanged');
  }

  /** The instance's declared ports; none for an unknown instance. */
  listenPorts(appInstanceId: string): readonly number[] {
    return this.apps.get(appInstanceId)?.listenPorts ?? [];
  }

  setTransports(transports: TTransports): void {
    this.transports = constant(transports);
  }

  platformTransports(): TTransportInfo[] {
    return this.transports();
  }

  /** The app instance whose client credentials these are, if they are right. */
  authenticateClient(clientId: string, clientSecret: string): string | undefined {
    for (const a of this.apps.values()) if (a.clientId === clientId) return verifyClientSecret(clientSecret, a.clientSecretHash) ? a.appInstanceId : undefined;
    return undefined;
  }

  /**
   * Tells the instance's termination subscribers (AppTerminationNotification) and resolves when the
   * app POSTs confirm_termination or `maxGracefulTimeout` seconds pass, saying which. An instance
   * that has no termination subscription cannot be told, so it resolves at once ('no-subscription').
   */
  terminate(appInstanceId: string, input: { operationAction: TOperationAction; maxGracefulTimeout: number }): Promise<{ outcome: TTerminationOutcome }> {
    const { operationAction, maxGracefulTimeout } = ZTerminateInput.parse(input);
    const app = this.app(appInstanceId);
    if (app.termination) throw new AppError('conflict', `App instance ${appInstanceId} is already being ${app.termination.operationAction === 'STOPPING' ? 'stopped' : 'terminated'}`);
    if (this.terminationSubscriptionsOf(appInstanceId).length === 0) return Promise.resolve({ outcome: 'no-subscription' });
    return new Promise((resolve) => {
      const settle = (outcome: TTerminationOutcome) => {
        clearTimeout(app.termination?.timer);
        app.termination = undefined;
        resolve({ outcome });
      };
      app.termination = { operationAction, settle, timer: setTimeout(() => settle('timeout'), maxGracefulTimeout * 1000) };
      this.emit('terminationStarted', { appInstanceId, operationAction, maxGracefulTimeout });
    });
  }

  snapshot(): TMp1Snapshot {
    const apps = [...this.apps.values()].map((a) => ({
      appInstanceId: a.appInstanceId, clientId: a.clientId, clientSecretHash: a.clientSecretHash, ready: a.ready, listenPorts: [...a.listenPorts],
      trafficRules: structuredClone([...a.trafficRules.values()]), dnsRules: structuredClone([...a.dnsRules.values()]),
    }));
    return { version: 1, apps, ...this.services.snapshot(), terminationSubscriptions: [...this.terminationSubs.values()].map((s) => structuredClone(s)) };
  }

  /** Replaces the whole state with a snapshot (validated); terminations in progress are cancelled. */
  restore(snapshot: unknown): void {
    const s = ZMp1Snapshot.parse(snapshot);
    const known = new Set(s.apps.map((a) => a.appInstanceId));
    const orphan = [...s.services, ...s.serviceSubscriptions, ...s.terminationSubscriptions].find((x) => !known.has(x.appInstanceId));
    if (orphan) throw new AppError('validation', `The snapshot refers to app instance ${orphan.appInstanceId}, which it does not contain`);
    for (const a of this.apps.values()) {
      a.termination?.settle('cancelled');
      this.emit('appInstanceRemoved', { appInstanceId: a.appInstanceId });
    }
    this.apps.clear();
    for (const a of s.apps) this.apps.set(a.appInstanceId, { ...a, trafficRules: byId(a.trafficRules, (r) => r.trafficRuleId), dnsRules: byId(a.dnsRules, (r) => r.dnsRuleId) });
    this.services.restore(s);
    this.terminationSubs.clear();
    for (const t of s.terminationSubscriptions) this.terminationSubs.set(t.subscriptionId, t);
  }

  // 2. App side (through Mp1): rules, readiness, termination confirmation and subscriptions.

  trafficRules(appInstanceId: string): TTrafficRule[] {
    return [...this.app(appInstanceId).trafficRules.values()];
  }

  trafficRule(appInstanceId: string, trafficRuleId: string): TTrafficRule {
    const rule = this.app(appInstanceId).trafficRules.get(trafficRuleId);
    if (!rule) throw new AppError('not-found', `No traffic rule ${trafficRuleId} for app instance ${appInstanceId}`);
    return rule;
  }

  setTrafficRuleState(appInstanceId: string, trafficRuleId: string, state: TRuleState): TTrafficRule {
    const previous = this.trafficRule(appInstanceId, trafficRuleId);
    const rule = { ...previous, state };
    this.app(appInstanceId).trafficRules.set(trafficRuleId, rule);
    if (previous.state !== state) {
      this.emit('trafficRuleChanged', { appInstanceId, rule, previousState: previous.state });
      this.emit('stateChanged');
    }
    return rule;
  }

  dnsRules(appInstanceId: string): TDnsRule[] {
    return [...this.app(appInstanceId).dnsRules.values()];
  }

  dnsRule(appInstanceId: string, dnsRuleId: string): TDnsRule {
    const rule = this.app(appInstanceId).dnsRules.get(dnsRuleId);
    if (!rule) throw new AppError('not-found', `No DNS rule ${dnsRuleId} for app instance ${appInstanceId}`);
    return rule;
  }

  setDnsRuleState(appInstanceId: string, dnsRuleId: string, state: TRuleState): TDnsRule {
    const previous = this.dnsRule(appInstanceId, dnsRuleId);
    const rule = { ...previous, state };
    this.app(appInstanceId).dnsRules.set(dnsRuleId, rule);
    if (previous.state !== state) {
      this.emit('dnsRuleChanged', { appInstanceId, rule, previousState: previous.state });
      this.emit('stateChanged');
    }
    return rule;
  }

  /** Idempotent: an app that restarts confirms again. Refused while the instance is being stopped or terminated. */
  confirmReady(appInstanceId: string): void {
    const app = this.app(appInstanceId);
    if (app.termination) throw new AppError('conflict', `App instance ${appInstanceId} is being ${app.termination.operationAction === 'STOPPING' ? 'stopped' : 'terminated'}; it cannot become ready now`);
    if (app.ready) return;
    app.ready = true;
    this.emit('appReady', { appInstanceId });
    this.emit('stateChanged');
  }

  confirmTermination(appInstanceId: string, operationAction: TOperationAction): void {
    const { termination } = this.app(appInstanceId);
    if (!termination) throw new AppError('conflict', `No stop or termination of app instance ${appInstanceId} is in progress`);
    if (termination.operationAction !== operationAction) {
      throw new AppError('conflict', `operationAction is ${operationAction} but the operation in progress is ${termination.operationAction}`);
    }
    termination.settle('confirmed');
  }

  subscribeTermination(appInstanceId: string, subscription: TAppTerminationSubscriptionRequest): TTerminationSubscriptionRecord {
    this.app(appInstanceId);
    if (subscription.appInstanceId !== appInstanceId) {
      throw new AppError('validation', `appInstanceId in the body (${subscription.appInstanceId}) differs from the one in the path (${appInstanceId})`, { errors: [{ in: 'body', field: 'appInstanceId', message: 'must match the path' }] });
    }
    if (this.terminationSubscriptionsOf(appInstanceId).length >= MAX_SUBSCRIPTIONS_PER_APP) throw new AppError('forbidden', `An app instance may hold at most ${MAX_SUBSCRIPTIONS_PER_APP} termination subscriptions`);
    const record = { subscriptionId: randomUUID(), appInstanceId, subscription };
    this.terminationSubs.set(record.subscriptionId, record);
    this.emit('stateChanged');
    return record;
  }

  terminationSubscriptionsOf(appInstanceId: string): TTerminationSubscriptionRecord[] {
    return [...this.terminationSubs.values()].filter((s) => s.appInstanceId === appInstanceId);
  }

  terminationSubscription(appInstanceId: string, subscriptionId: string): TTerminationSubscriptionRecord {
    const s = this.terminationSubs.get(subscriptionId);
    if (!s || s.appInstanceId !== appInstanceId) throw new AppError('not-found', `No termination subscription ${subscriptionId} of app instance ${appInstanceId}`);
    return s;
  }

  unsubscribeTermination(appInstanceId: string, subscriptionId: string): void {
    this.terminationSubscription(appInstanceId, subscriptionId);
    this.terminationSubs.delete(subscriptionId);
    this.emit('stateChanged');
  }

  private app(appInstanceId: string): TAppRecord {
    const app = this.apps.get(appInstanceId);
    if (!app) throw new AppError('not-found', `No app instance ${appInstanceId} on this MEP`);
    return app;
  }
}

function constant(transports: TTransports): () => TTransportInfo[] {
  return typeof transports === 'function' ? transports : () => transports;
}

function byId<T>(items: T[], id: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(id(item))) throw new AppError('validation', `Rule id ${id(item)} appears twice`);
    map.set(id(item), item);
  }
  return map;
}
