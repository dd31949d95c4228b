/**
 * The `camara` data plane: an app instance's MEC 011 traffic rules as CAMARA Traffic Influence
 * v0.10 intents at the operator platform (`{apiRoot}/traffic-influence/v0.10`), for this node's
 * Edge Cloud Zone. Intents are asynchronous (ordered → created → active): a rule is applied
 * only once its intent is `active`; `error`, or no activation in time, fails it. The intent ids
 * are kept in `<dataDir>/camara-intents.json`, so a restarted agent finds them.
 */
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TRuleResult } from '@mecport/contracts';
import type { TTrafficRule } from '@mecport/contracts/mec011';
import { ApiClient, type TNorthboundDeps } from '../api-client/api-fetch';
import { ApiError, TokenSource } from '../api-client/client-credentials';
import { ResourceStore } from '../api-client/resource-store';
import { parseSettings } from '../api-client/settings-values';
import { removeInstance, syncInstance, type TResourceOps } from '../api-client/sync-resources';
import { capabilitiesOf } from '../capabilities';
import type { TAdapterCapabilities, TInstanceRules, TUpfAdapter } from '../upf-adapter';
import { planInstance } from './camara-plans';
import { CAMARA_SECRET_VARIABLE, ZCamaraSettings, type TCamaraSettings } from './camara-settings';

const BASE = '/traffic-influence/v0.10';
/** Every intent, for any device or one, is read, patched and deleted under /traffic-influences. */
const ANY = 'traffic-influences';
/** States in which an intent still stands (or is on its way). */
const STANDING = new Set(['ordered', 'created', 'active']);

export class CamaraAdapter implements TUpfAdapter {
  readonly settings: TCamaraSettings;
  private readonly api: ApiClient;
  private readonly store: ResourceStore;
  private readonly ops: TResourceOps;

  constructor(settings: Record<string, string>, private readonly deps: TNorthboundDeps) {
    const s = (this.settings = parseSettings(ZCamaraSettings, 'camara', settings));
    const tokens = s.tokenUrl && s.clientId
      ? new TokenSource({ tokenUrl: s.tokenUrl, clientId: s.clientId, clientSecret: deps.env[CAMARA_SECRET_VARIABLE], secretVariable: CAMARA_SECRET_VARIABLE, scope: s.scope, timeoutMs: s.requestTimeoutMs })
      : undefined;
    this.api = new ApiClient(s.apiRoot, 'CAMARA Traffic Influence', tokens, s.requestTimeoutMs);
    this.store = new ResourceStore(path.join(deps.dataDir, 'camara-intents.json'));
    this.ops = {
      create: async (api, body) => {
        const id = ApiClient.createdId(await this.api.request('POST', `${BASE}/${api}`, body, [201]), 'trafficInfluenceID');
        await this.activated(id, true);
        return id;
      },
      // PATCH carries what may change; the device of an intent cannot (its key names it, so a new device is a new intent).
      update: async (_api, id, body) => {
        const { device: _device, ...patch } = body as Record<string, unknown>;
        await this.api.request('PATCH', `${BASE}/traffic-influences/${id}`, patch, [200]);
        await this.activated(id, false);
      },
      remove: async (_api, id) => void (await this.api.request('DELETE', `${BASE}/traffic-influences/${id}`, undefined, [202, 204, 404])),
      exists: async (_api, id) => {
        const answer = await this.api.request('GET', `${BASE}/traffic-influences/${id}`, undefined, [200, 404]);
        const state = (answer.body as { state?: string } | undefined)?.state;
        if (answer.status === 200 && state !== undefined && STANDING.has(state)) return true;
        if (answer.status === 200) await this.ops.remove(ANY, id); // an intent in error is replaced
        return false;
      },
    };
  }

  capabilities(): TAdapterCapabilities {
    return capabilitiesOf('camara');
  }

  async apply(rules: TInstanceRules): Promise<TRuleResult[]> {
    const results = await syncInstance(this.store, rules.appInstanceId, planInstance(rules, this.settings), this.ops);
    for (const r of results) if (r.state === 'failed') this.deps.log.warn('camara: rule not applied', { appInstanceId: r.appInstanceId, ruleId: r.ruleId, reason: r.reason });
    return results;
  }

  remove(appInstanceId: string): Promise<TRuleResult[]> {
    return removeInstance(this.store, appInstanceId, this.ops);
  }

  /** The traffic rules whose every intent still stands at the operator platform (read back with GET). */
  async list(appInstanceId: string): Promise<TInstanceRules> {
    const held: TInstanceRules = { appInstanceId, trafficRules: [], dnsRules: [] };
    for (const stored of Object.values(await this.store.instance(appInstanceId))) {
      let present = true;
      for (const res of Object.values(stored.resources)) present &&= await this.ops.exists(res.api, res.id);
      if (present && stored.kind === 'traffic') held.trafficRules.push(stored.rule as TTrafficRule);
    }
    return held;
  }

  /** Waits for `active`; an intent that ends in `error` or does not activate in time is deleted when new, and its rule fails. */
  private async activated(id: string, isNew: boolean): Promise<void> {
    const deadline = Date.now() + this.settings.activationTimeoutMs;
    let state = 'unknown';
    for (;;) {
      const answer = await this.api.request('GET', `${BASE}/traffic-influences/${id}`, undefined, [200]);
      state = (answer.body as { state?: string } | undefined)?.state ?? 'unknown';
      if (state === 'active') return;
      if (state === 'error' || Date.now() >= deadline) break;
      await sleep(this.settings.activationPollMs);
    }
    if (isNew) await this.ops.remove(ANY, id).catch(() => undefined);
    throw new ApiError(state === 'error' ? `the operator platform could not activate intent ${id} (state error)` : `intent ${id} not active after ${this.settings.activationTimeoutMs} ms (state ${state})`);
  }
}
