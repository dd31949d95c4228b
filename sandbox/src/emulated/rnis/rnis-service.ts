/**
 * The emulated MEC 012 v2.1.1 RNIS over one engine's world, as a Hono app a site mounts at
 * `RNIS_BASE_PATH`. Queries: `rab_info` (each attached UE's default bearer per cell) and
 * `plmn_info`. Subscriptions: CellChangeSubscription (a UE's serving cell changes from one
 * cellular POA to another: a completed handover) and RabEstSubscription (a UE attaches to a cell
 * from no POA or from Wi-Fi: its default bearer is established). The other types are answered
 * 422 (not emulated). `expiryDeadline` ends a subscription when the sandbox clock passes it.
 *
 * @example
 *   const rnis = createRnisService({ engine, notifier, apiRoot: 'http://10.90.0.1:8080' });
 *   gateway.route(RNIS_BASE_PATH, rnis.app);
 */
import { Hono, type Context } from 'hono';
import { AppError } from '@mecport/contracts/errors';
import { parsePart } from '@mecport/contracts/input';
import type { TEngineEvent } from '@mecport/contracts/sandbox';
import type { TEmulatedService, TEmulatedServiceOptions } from '../location/location-service';
import { parseJsonBody, parseQuery } from '../mec-input';
import { answerProblems, NotEmulatedError } from '../mec-problem';
import { mecTimeStamp, mecTimeStampMs } from '../mec-time';
import { SubscriptionStore, type TStored } from '../subscription-store';
import { associateIdOf, bearerOf, cellsOf, plmnsOf, sameEcgi } from './rnis-cells';
import {
  DEFAULT_QCI, EMULATED_RNIS_TYPES, HO_COMPLETED, QueryPlmnInfo, QueryRabInfo, QuerySubscriptions, RNIS_BASE_PATH, RNIS_SUBSCRIPTION_TYPES,
  SUBSCRIPTION_TYPE_FILTER, ZCellChangeSubscription, ZRabEstSubscription, type TEcgi, type TRnisSubscription,
} from './rnis-models';
import { z } from 'zod';

export interface TRnisServiceOptions extends TEmulatedServiceOptions {
  /** The app instance the sandbox runs (answers name it when the query does not). */
  appInstanceId?: string;
}

type TStoredSub = TStored<TRnisSubscription>;

export function createRnisService(options: TRnisServiceOptions): TEmulatedService {
  const { engine, notifier } = options;
  const root = `${options.apiRoot.replace(/\/+$/, '')}${RNIS_BASE_PATH}`;
  const epochMs = options.epochMs ?? Date.now();
  const defaultAppInstanceId = options.appInstanceId ?? 'sandbox-app';
  const cells = cellsOf(engine.scenario);
  const store = new SubscriptionStore<TRnisSubscription>();
  const stamp = () => mecTimeStamp(epochMs, engine.view.timeSec);
  const selfOf = (id: string) => `${root}/subscriptions/${id}`;
  const answer = (s: TStoredSub) => {
    const { _links: _ignored, ...body } = s.value;
    return { ...body, _links: { self: { href: selfOf(s.id) } } };
  };
  const notify = (s: TStoredSub, body: unknown, atSec: number) => notifier.send({ api: 'rnis', url: s.value.callbackReference, body, atSec });

  const onPoaChange = (e: Extract<TEngineEvent, { kind: 'ue-poa-change' }>) => {
    const ue = engine.view.ues.get(e.ueId);
    const from = e.fromPoaId === null ? undefined : cells.get(e.fromPoaId);
    const to = e.toPoaId === null ? undefined : cells.get(e.toPoaId);
    if (!ue || !to || e.fromPoaId === e.toPoaId) return;
    const associateId = [associateIdOf(ue)];
    for (const s of store.list()) {
      const v = s.value;
      if (from && v.subscriptionType === 'CellChangeSubscription') {
        const f = v.filterCriteriaAssocHo;
        if (!(f.hoStatus ?? [HO_COMPLETED]).includes(HO_COMPLETED)) continue;
        if (f.associateId?.length && !f.associateId.some((a) => a.type === 1 && a.value === associateId[0]!.value)) continue;
        if (f.ecgi?.length && !f.ecgi.some((c) => sameEcgi(c, from) || sameEcgi(c, to))) continue;
        notify(s, { notificationType: 'CellChangeNotification', associateId, hoStatus: HO_COMPLETED, srcEcgi: from, trgEcgi: [to], timeStamp: stamp() }, e.timeSec);
      } else if (!from && v.subscriptionType === 'RabEstSubscription') {
        const f = v.filterCriteriaQci;
        if (f.qci !== DEFAULT_QCI || (f.ecgi?.length && !f.ecgi.some((c) => sameEcgi(c, to)))) continue;
        notify(s, { notificationType: 'RabEstNotification', associateId, ecgi: to, ...bearerOf(engine.view.poas.get(e.toPoaId!)), timeStamp: stamp() }, e.timeSec);
      }
    }
  };

  const onTick = () => {
    const nowMs = mecTimeStampMs(stamp());
    for (const s of store.list()) if (s.value.expiryDeadline && mecTimeStampMs(s.value.expiryDeadline) <= nowMs) store.delete('rnis', s.id);
  };

  const stopEvents = engine.onEvent((e) => {
    if (e.kind === 'ue-poa-change') onPoaChange(e);
  });
  const stopTicks = engine.onTick(onTick);

  const app = new Hono();
  answerProblems(app, options.log);
  app.get('/queries/rab_info', (c) => c.json(rabInfo(parseQuery(c, QueryRabInfo))));
  app.get('/queries/plmn_info', (c) => {
    const q = parseQuery(c, QueryPlmnInfo);
    return c.json(q.app_ins_id.map((appInstanceId) => ({ appInstanceId, plmn: plmnsOf(engine.scenario), timeStamp: stamp() })));
  });

  const load = (c: Context) => {
    const s = store.get('rnis', c.req.param('subscriptionId') ?? '');
    if (!s) throw new AppError('not-found', `No RNIS subscription ${c.req.param('subscriptionId')}`);
    return s;
  };
  app.get('/subscriptions', (c) => {
    const q = parseQuery(c, QuerySubscriptions);
    const type = q.subscription_type && SUBSCRIPTION_TYPE_FILTER[q.subscription_type];
    const subscription = store.list().filter((s) => !type || s.value.subscriptionType === type).map((s) => ({ href: selfOf(s.id), subscriptionType: s.value.subscriptionType }));
    return c.json({ _links: { self: { href: `${root}/subscriptions` }, subscription } });
  });
  app.post('/subscriptions', async (c) => {
    const value = await readSubscription(c, notifier);
    const s = store.add('rnis', () => value);
    return c.json(answer(s), 201, { location: selfOf(s.id) });
  });
  app.get('/subscriptions/:subscriptionId', (c) => c.json(answer(load(c))));
  app.put('/subscriptions/:subscriptionId', async (c) => {
    const s = load(c);
    const value = await readSubscription(c, notifier);
    if (value.subscriptionType !== s.value.subscriptionType) throw new AppError('validation', `body.subscriptionType: this subscription is a ${s.value.subscriptionType}`, { errors: [{ in: 'body', field: 'subscriptionType', message: `this subscription is a ${s.value.subscriptionType}` }] });
    store.replace('rnis', s.id, value);
    return c.json(answer(s));
  });
  app.delete('/subscriptions/:subscriptionId', (c) => {
    store.delete('rnis', load(c).id);
    return c.body(null, 204);
  });

  /** Every attached UE's default bearer, by cell; the filters narrow cells, UEs and bearers. */
  function rabInfo(q: z.infer<typeof QueryRabInfo>) {
    const byCell = new Map<string, { ecgi: TEcgi; ueInfo: object[] }>();
    const cellFilter = q.cell_id && new Set(q.cell_id.map((id) => id.toLowerCase()));
    const ipFilter = q.ue_ipv4_address && new Set(q.ue_ipv4_address);
    // The sandbox's UEs have IPv4 addresses only, no NAT and no GTP tunnels the app could name.
    const none = q.ue_ipv6_address?.length || q.nated_ip_address?.length || q.gtp_teid?.length;
    for (const ue of none ? [] : engine.view.ues.values()) {
      const ecgi = ue.poaId === null ? undefined : cells.get(ue.poaId);
      if (!ecgi || (cellFilter && !cellFilter.has(ecgi.cellId.toLowerCase()))) continue;
      const associateId = associateIdOf(ue);
      if (ipFilter && !ipFilter.has(associateId.value)) continue;
      const bearer = bearerOf(engine.view.poas.get(ue.poaId!));
      const qos = bearer.erabQosParameters;
      const mismatch = (want: number | undefined, have: number) => want !== undefined && want !== have;
      if (mismatch(q.erab_id, bearer.erabId) || mismatch(q.qci, qos.qci) || mismatch(q.erab_mbr_dl, qos.qosInformation.erabMbrDl) || mismatch(q.erab_mbr_ul, qos.qosInformation.erabMbrUl)
        || mismatch(q.erab_gbr_dl, qos.qosInformation.erabGbrDl) || mismatch(q.erab_gbr_ul, qos.qosInformation.erabGbrUl)) continue;
      const cell = byCell.get(ue.poaId!) ?? { ecgi, ueInfo: [] };
      cell.ueInfo.push({ associateId: [associateId], erabInfo: [bearer] });
      byCell.set(ue.poaId!, cell);
    }
    return { appInstanceId: q.app_ins_id ?? defaultAppInstanceId, requestId: crypto.randomUUID(), cellUserInfo: [...byCell.values()], timeStamp: stamp() };
  }

  return {
    basePath: RNIS_BASE_PATH,
    app,
    reset: () => store.clear(),
    close: () => {
      stopEvents();
      stopTicks();
    },
    subscriptionCount: () => store.size,
  };
}

/** The body by its subscriptionType: an emulated one validated, a spec one not emulated (422), anything else 400. */
async function readSubscription(c: Context, notifier: TEmulatedServiceOptions['notifier']): Promise<TRnisSubscription> {
  const raw = await parseJsonBody(c, z.object({ subscriptionType: z.enum(RNIS_SUBSCRIPTION_TYPES, { error: `one of ${RNIS_SUBSCRIPTION_TYPES.join(', ')}` }) }).loose());
  const type = raw.subscriptionType;
  if (!(EMULATED_RNIS_TYPES as readonly string[]).includes(type)) {
    throw new NotEmulatedError(`${type} is not emulated by the sandbox; ${EMULATED_RNIS_TYPES.join(' and ')} are`);
  }
  const value: TRnisSubscription = type === 'CellChangeSubscription' ? parsePart('body', ZCellChangeSubscription, raw) : parsePart('body', ZRabEstSubscription, raw);
  const refused = notifier.check(value.callbackReference);
  if (refused !== undefined) throw new AppError('validation', `body.callbackReference: the sandbox will not call it: ${refused}`, { errors: [{ in: 'body', field: 'callbackReference', message: `the sandbox will not call it: ${refused}` }] });
  if (value.subscriptionType === 'CellChangeSubscription') value.filterCriteriaAssocHo.hoStatus ??= [HO_COMPLETED];
  return value;
}
