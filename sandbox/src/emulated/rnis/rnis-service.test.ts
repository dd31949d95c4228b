import { beforeEach, describe, expect, it } from 'vitest';
import { createCollectingNotifier, type TCollectingNotifier } from '../testing/collecting-notifier';
import { createFakeEngine, type TFakeEngine } from '../testing/fake-engine';
import type { TEmulatedService } from '../location/location-service';
import { createRnisService } from './rnis-service';

const ROOT = 'http://gw.test:8080';
const EPOCH = Date.UTC(2026, 0, 1);
const CB = 'http://app.test:9000/rnis';
const PLMN = { mcc: '208', mnc: '93' };

// The answers are arbitrary JSON the assertions walk into; their shape is checked by the expectations.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TJson = any;

let engine: TFakeEngine;
let notifier: TCollectingNotifier;
let rnis: TEmulatedService;

async function call(method: string, path: string, body?: unknown) {
  const res = await rnis.app.request(path, { method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), body: (text ? JSON.parse(text) : null) as TJson };
}

beforeEach(() => {
  engine = createFakeEngine();
  notifier = createCollectingNotifier();
  rnis = createRnisService({ engine, notifier, apiRoot: ROOT, epochMs: EPOCH, appInstanceId: 'app-1' });
  engine.place('ue-1', [7.42, 43.73], 'poa-4g-1');
  engine.place('ue-2', [7.44, 43.73], 'poa-wifi-2');
});

describe('RNIS queries', () => {
  it('reports each UE on a cell with its default bearer; Wi-Fi users are on no cell', async () => {
    const rab = await call('GET', '/queries/rab_info');
    expect(rab.status).toBe(200);
    expect(rab.body).toMatchObject({ appInstanceId: 'app-1', requestId: expect.any(String), timeStamp: { seconds: EPOCH / 1000, nanoSeconds: 0 } });
    expect(rab.body.cellUserInfo).toEqual([{
      ecgi: { plmn: PLMN, cellId: '1000001' },
      ueInfo: [{ associateId: [{ type: 1, value: '10.100.0.1' }], erabInfo: [{ erabId: 5, erabQosParameters: { qci: 9, qosInformation: { erabMbrDl: 50_000, erabMbrUl: 20_000, erabGbrDl: 0, erabGbrUl: 0 } } }] }],
    }]);
    expect((await call('GET', '/queries/rab_info?cell_id=2000002')).body.cellUserInfo).toEqual([]);
    expect((await call('GET', '/queries/rab_info?ue_ipv4_address=10.100.0.1&qci=9')).body.cellUserInfo).toHaveLength(1);
    expect((await call('GET', '/queries/rab_info?qci=1')).body.cellUserInfo).toEqual([]);
    expect((await call('GET', '/queries/rab_info?erab_id=x')).status).toBe(400);
  });

  it('answers the PLMN of the scenario per app instance, and wants app_ins_id', async () => {
    const plmn = await call('GET', '/queries/plmn_info?app_ins_id=a,b');
    expect(plmn.body).toEqual([
      { appInstanceId: 'a', plmn: [PLMN], timeStamp: { seconds: EPOCH / 1000, nanoSeconds: 0 } },
      { appInstanceId: 'b', plmn: [PLMN], timeStamp: { seconds: EPOCH / 1000, nanoSeconds: 0 } },
    ]);
    const none = await call('GET', '/queries/plmn_info');
    expect(none.status).toBe(400);
    expect(none.type).toBe('application/problem+json');
  });
});

describe('RNIS subscriptions', () => {
  const cellChange = { subscriptionType: 'CellChangeSubscription', callbackReference: CB, filterCriteriaAssocHo: { associateId: [{ type: 1, value: '10.100.0.1' }] } };
  const rabEst = { subscriptionType: 'RabEstSubscription', callbackReference: CB, filterCriteriaQci: { qci: 9 } };

  it('creates, reads, lists, updates and deletes; hoStatus defaults to COMPLETED; unknown ids are 404', async () => {
    const created = await call('POST', '/subscriptions', cellChange);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ ...cellChange, filterCriteriaAssocHo: { ...cellChange.filterCriteriaAssocHo, hoStatus: [3] }, _links: { self: { href: `${ROOT}/rni/v2/subscriptions/sub-1` } } });
    await call('POST', '/subscriptions', rabEst);
    expect((await call('GET', '/subscriptions/sub-1')).body).toEqual(created.body);
    const list = await call('GET', '/subscriptions?subscription_type=rab_est');
    expect(list.body).toEqual({ _links: { self: { href: `${ROOT}/rni/v2/subscriptions` }, subscription: [{ href: `${ROOT}/rni/v2/subscriptions/sub-2`, subscriptionType: 'RabEstSubscription' }] } });
    const put = await call('PUT', '/subscriptions/sub-2', { ...rabEst, filterCriteriaQci: { qci: 5 } });
    expect(put.body.filterCriteriaQci).toEqual({ qci: 5 });
    expect((await call('PUT', '/subscriptions/sub-2', cellChange)).status).toBe(400);
    expect((await call('DELETE', '/subscriptions/sub-2')).status).toBe(204);
    expect((await call('GET', '/subscriptions/sub-2')).status).toBe(404);
  });

  it('answers a spec type the sandbox does not emulate with 422, and an unknown type with 400', async () => {
    const meas = await call('POST', '/subscriptions', { subscriptionType: 'MeasRepUeSubscription', callbackReference: CB });
    expect(meas.status).toBe(422);
    expect(meas.body.detail).toContain('MeasRepUeSubscription is not emulated');
    expect((await call('POST', '/subscriptions', { subscriptionType: 'Nope', callbackReference: CB })).status).toBe(400);
  });

  it('notifies a cell change between two cells, filtered by UE; not a move to Wi-Fi', async () => {
    await call('POST', '/subscriptions', cellChange);
    engine.advance(4);
    engine.place('ue-2', [7.445, 43.73], 'poa-4g-2'); // another UE: filtered out (and a RAB establishment)
    engine.place('ue-1', [7.425, 43.73], 'poa-5g-1');
    engine.place('ue-1', [7.44, 43.73], 'poa-wifi-2');
    expect(notifier.sent.map((n) => n.body)).toEqual([{
      notificationType: 'CellChangeNotification', associateId: [{ type: 1, value: '10.100.0.1' }], hoStatus: 3,
      srcEcgi: { plmn: PLMN, cellId: '1000001' }, trgEcgi: [{ plmn: PLMN, cellId: '100000002' }], timeStamp: { seconds: EPOCH / 1000 + 4, nanoSeconds: 0 },
    }]);
    expect(notifier.sent[0]).toMatchObject({ api: 'rnis', url: CB, atSec: 4 });
  });

  it('notifies a RAB establishment when a UE comes onto a cell from Wi-Fi or from no POA', async () => {
    await call('POST', '/subscriptions', rabEst);
    engine.place('ue-2', [7.445, 43.73], 'poa-4g-2');
    engine.place('ue-3', [7.42, 43.73], 'poa-4g-1');
    engine.place('ue-1', [7.425, 43.73], 'poa-5g-1'); // a cell change, not an establishment
    expect(notifier.sent.map((n) => (n.body as TJson).associateId[0].value)).toEqual(['10.100.0.2', '10.100.0.3']);
    expect(notifier.sent[0]!.body).toMatchObject({ notificationType: 'RabEstNotification', ecgi: { plmn: PLMN, cellId: '2000002' }, erabId: 5, erabQosParameters: { qci: 9 } });
  });

  it('ends a subscription when the sandbox clock passes its expiryDeadline', async () => {
    await call('POST', '/subscriptions', { ...rabEst, expiryDeadline: { seconds: EPOCH / 1000 + 10, nanoSeconds: 0 } });
    engine.advance(9);
    expect(rnis.subscriptionCount()).toBe(1);
    engine.advance(10);
    expect(rnis.subscriptionCount()).toBe(0);
  });
});
