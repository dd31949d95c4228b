/**
 * Starts an Mp1 server on 127.0.0.1:0 with a registry holding two app instances (`app-a`, `app-b`)
 * with rules, and gives tests a client that records every exchange for the conformance check.
 */
import { generateAppCredentials } from '../auth/client-credentials';
import type { TDnsRule, TTrafficRule } from '@mecport/contracts/mec011';
import { createMp1Server, type TMp1ServerOptions } from '../mp1-server';
import { Mp1Registry } from '../registry/registry';
import { recordingFetch, type TExchange } from './recorder';

export const trafficRule = (id: string, state: TTrafficRule['state'] = 'INACTIVE'): TTrafficRule => ({
  trafficRuleId: id, filterType: 'FLOW', priority: 1, action: 'FORWARD_DECAPSULATED', state,
  trafficFilter: [{ srcAddress: ['192.168.2.0/24'], dstAddress: ['192.127.4.100/32'], dstPort: ['80'], qCI: 9 }],
  dstInterface: { interfaceType: 'IP', dstIpAddress: '20.1.1.1' },
});
export const dnsRule = (id: string, state: TDnsRule['state'] = 'INACTIVE'): TDnsRule => ({ dnsRuleId: id, domainName: 'video.example.com', ipAddressType: 'IP_V4', ipAddress: '10.10.0.7', ttl: 300, state });

export type TApp = 'app-a' | 'app-b';
type TCallOptions = { token?: string | null; body?: unknown; headers?: Record<string, string>; raw?: string };

export async function startMp1(options: Omit<TMp1ServerOptions, 'registry'> & { registry?: Mp1Registry; port?: number } = {}) {
  const registry = options.registry ?? new Mp1Registry();
  const credentials = { 'app-a': generateAppCredentials('app-a'), 'app-b': generateAppCredentials('app-b') };
  if (!options.registry) {
    registry.addAppInstance({ appInstanceId: 'app-a', clientSecretHash: credentials['app-a'].clientSecretHash, trafficRules: [trafficRule('tr-1'), trafficRule('tr-2', 'ACTIVE')], dnsRules: [dnsRule('dns-1')] });
    registry.addAppInstance({ appInstanceId: 'app-b', clientSecretHash: credentials['app-b'].clientSecretHash, trafficRules: [trafficRule('tr-b')], dnsRules: [] });
  }
  const mp1 = createMp1Server({ notifications: { attempts: 3, retryDelayMs: 10, timeoutMs: 2000 }, ...options, registry });
  const url = await mp1.listen(options.port ?? 0, '127.0.0.1');

  async function tokenFor(app: TApp): Promise<string> {
    const { clientId, clientSecret } = credentials[app];
    const x = await recordingFetch(`${url}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString() });
    if (x.status !== 200) throw new Error(`token request for ${app} answered ${x.status}: ${x.text}`);
    return (x.body as { access_token: string }).access_token;
  }

  /** One Mp1 call; `token: null` sends none. JSON bodies get their content-type. */
  function call(method: string, path: string, opts: TCallOptions = {}): Promise<TExchange> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    return recordingFetch(`${url}${path}`, { method, headers, body });
  }

  /** Declares `port` one of the app's own ports, as the host does from its bundle: its callbacks may go there. */
  function listensOn(app: string, port: number): void {
    registry.setListenPorts(app, [...registry.listenPorts(app), port]);
  }

  return { registry, mp1, url, credentials, tokenFor, call, listensOn, close: () => mp1.close() };
}
export type TMp1Harness = Awaited<ReturnType<typeof startMp1>>;
