/**
 * The `nef` data plane: an app instance's MEC 011 rules as 3GPP TS 29.522 resources at the
 * operator's NEF: traffic rules as Nnef_TrafficInfluence subscriptions
 * (`{apiRoot}/3gpp-traffic-influence/v1/{afId}/subscriptions`), DNS rules as EAS deployment
 * information (`{apiRoot}/3gpp-eas-deployment/v1/{afId}/eas-deployment-info`). The ids the NEF
 * gave are kept in `<dataDir>/nef-resources.json`, so a restarted agent updates and deletes
 * what it created. A rule is applied only when the NEF accepted it.
 */
import path from 'node:path';
import type { TRuleResult } from '@mecport/contracts';
import type { TDnsRule, TTrafficRule } from '@mecport/contracts/mec011';
import { ApiClient, type TNorthboundDeps } from '../api-client/api-fetch';
import { TokenSource } from '../api-client/client-credentials';
import { ResourceStore } from '../api-client/resource-store';
import { removeInstance, syncInstance, type TResourceOps } from '../api-client/sync-resources';
import { parseSettings } from '../api-client/settings-values';
import { capabilitiesOf } from '../capabilities';
import type { TAdapterCapabilities, TInstanceRules, TUpfAdapter } from '../upf-adapter';
import { EAS_DEPLOYMENT, planInstance } from './nef-plans';
import { NEF_SECRET_VARIABLE, ZNefSettings, type TNefSettings } from './nef-settings';

export class NefAdapter implements TUpfAdapter {
  readonly settings: TNefSettings;
  private readonly api: ApiClient;
  private readonly store: ResourceStore;
  private readonly ops: TResourceOps;

  constructor(settings: Record<string, string>, private readonly deps: TNorthboundDeps) {
    const s = (this.settings = parseSettings(ZNefSettings, 'nef', settings));
    const tokens = s.tokenUrl && s.clientId
      ? new TokenSource({ tokenUrl: s.tokenUrl, clientId: s.clientId, clientSecret: deps.env[NEF_SECRET_VARIABLE], secretVariable: NEF_SECRET_VARIABLE, scope: s.scope, timeoutMs: s.requestTimeoutMs })
      : undefined;
    this.api = new ApiClient(s.apiRoot, 'NEF', tokens, s.requestTimeoutMs);
    this.store = new ResourceStore(path.join(deps.dataDir, 'nef-resources.json'));
    this.ops = {
      create: async (api, body) => ApiClient.createdId(await this.api.request('POST', this.collection(api), body, [201])),
      update: async (api, id, body) => void (await this.api.request('PUT', `${this.collection(api)}/${id}`, body, [200, 204])),
      remove: async (api, id) => void (await this.api.request('DELETE', `${this.collection(api)}/${id}`, undefined, [200, 204, 404])),
      exists: async (api, id) => (await this.api.request('GET', `${this.collection(api)}/${id}`, undefined, [200, 404])).status === 200,
    };
  }

  capabilities(): TAdapterCapabilities {
    return capabilitiesOf('nef');
  }

  async apply(rules: TInstanceRules): Promise<TRuleResult[]> {
    const results = await syncInstance(this.store, rules.appInstanceId, planInstance(rules, this.settings), this.ops);
    for (const r of results) if (r.state === 'failed') this.deps.log.warn('nef: rule not applied', { appInstanceId: r.appInstanceId, ruleId: r.ruleId, reason: r.reason });
    return results;
  }

  remove(appInstanceId: string): Promise<TRuleResult[]> {
    return removeInstance(this.store, appInstanceId, this.ops);
  }

  /** The rules whose every NEF resource still exists (each is read back with GET). */
  async list(appInstanceId: string): Promise<TInstanceRules> {
    const record = await this.store.instance(appInstanceId);
    const held: TInstanceRules = { appInstanceId, trafficRules: [], dnsRules: [] };
    for (const stored of Object.values(record)) {
      let present = true;
      for (const res of Object.values(stored.resources)) present &&= await this.ops.exists(res.api, res.id);
      if (!present) continue;
      if (stored.kind === 'traffic') held.trafficRules.push(stored.rule as TTrafficRule);
      else held.dnsRules.push(stored.rule as TDnsRule);
    }
    return held;
  }

  private collection(api: string): string {
    const afId = encodeURIComponent(this.settings.afId);
    return api === EAS_DEPLOYMENT ? `/3gpp-eas-deployment/v1/${afId}/eas-deployment-info` : `/3gpp-traffic-influence/v1/${afId}/subscriptions`;
  }
}
