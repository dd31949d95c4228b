/**
 * The Mp1 API as one web-standard handler (`Request` in, `Response` out): both MEC 011 APIs under
 * `/mec_service_mgmt/v1` and `/mec_app_support/v1`, and the OAuth2 token endpoint `/oauth2/token`.
 * Mount it in any server (see `createMp1Server` for node:http) or call it in-process.
 *
 * @example
 * const handler = createMp1Handler({ registry, publicUrl: 'http://10.0.0.5:8443' });
 * const response = await handler.fetch(new Request('http://10.0.0.5:8443/mec_app_support/v1/timing/current_time', { headers: { authorization: `Bearer ${token}` } }));
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '@mecport/contracts';
import { handleTokenRequest } from './auth/token-endpoint';
import { TokenStore } from './auth/token-store';
import { authenticate } from './http/authenticate';
import { Links, TOKEN_PATH } from './http/links';
import { errorResponse } from './http/problem';
import type { TRoute, TRouteContext } from './http/route';
import { createRouter } from './http/router';
import type { TMp1Logger } from './logger';
import type { TTimingSources } from './models/app-support';
import { wireNotifications } from './notifications';
import { Notifier, type TNotifierOptions } from './notifier';
import type { Mp1Registry } from './registry/registry';
import { appLifecycleRoutes } from './routes/app-lifecycle';
import { ruleRoutes } from './routes/rules';
import { serviceSubscriptionRoutes } from './routes/service-subscriptions';
import { serviceRoutes } from './routes/services';
import { systemClock, type TClock } from './timing';
import { mp1Transport } from './transport';

export interface TMp1HandlerOptions {
  registry: Mp1Registry;
  /** The URL apps reach this MEP at (links, tokenEndpoint, notifications' `_links`); may carry a path prefix. */
  publicUrl: string | (() => string);
  /** Access-token lifetime; default 900 s. */
  tokenTtlSeconds?: number;
  /** Milliseconds since the epoch; tests move time with it. */
  clock?: TClock;
  /** Whether the node's clock is locked to UTC (current_time's timeSourceStatus); default false. */
  timeSourceTraceable?: boolean | (() => boolean);
  /** NTP servers and PTP masters that `timing_caps` lists. */
  timingSources?: TTimingSources;
  notifications?: TNotifierOptions;
  logger?: TMp1Logger;
}

export interface TMp1Handler {
  fetch(request: Request): Promise<Response>;
  /** Resolves when every notification sent so far is delivered or given up. */
  idle(): Promise<void>;
  /** Stops listening to the registry and abandons pending notifications. */
  close(): Promise<void>;
}

const ROUTES: TRoute[] = [...serviceRoutes, ...serviceSubscriptionRoutes, ...ruleRoutes, ...appLifecycleRoutes];
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function createMp1Handler(options: TMp1HandlerOptions): TMp1Handler {
  const { registry, logger } = options;
  const publicUrl = typeof options.publicUrl === 'string' ? () => options.publicUrl as string : options.publicUrl;
  const links = new Links(publicUrl);
  const clock = options.clock ?? systemClock;
  const tokens = new TokenStore(options.tokenTtlSeconds ?? 900, clock);
  const notifier = new Notifier(options.notifications, logger);
  const detach = wireNotifications(registry, notifier, links);
  const traceable = options.timeSourceTraceable;
  const timing = { traceable: typeof traceable === 'function' ? traceable : () => traceable ?? false, sources: options.timingSources ?? {} };
  if (registry.platformTransports().length === 0) registry.setTransports(() => [mp1Transport(links)]);
  const match = createRouter(ROUTES);

  async function dispatch(request: Request, url: URL, path: string): Promise<Response> {
    if (path === TOKEN_PATH) {
      if (request.method !== 'POST') throw new AppError('method-not-allowed', `${request.method} is not allowed on ${TOKEN_PATH}; use POST`, { extensions: { allow: 'POST' } });
      return handleTokenRequest(request, { authenticate: (id, secret) => registry.authenticateClient(id, secret), tokens });
    }
    const found = match(request.method, path);
    if (!found) throw new AppError('not-found', `No Mp1 resource at ${path}`);
    if ('allowed' in found) throw new AppError('method-not-allowed', `${request.method} is not allowed on ${path}; use ${found.allowed.join(' or ')}`, { extensions: { allow: found.allowed.join(', ') } });
    const caller = authenticate(request, tokens, registry);
    if (found.route.scope === 'own-app' && found.params.appInstanceId !== caller) {
      throw new AppError('forbidden', `The access token of app instance ${caller} does not grant access to the resources of app instance ${found.params.appInstanceId}`);
    }
    const ctx: TRouteContext = { request, url, params: found.params, caller, registry, links, clock, timing };
    return found.route.handle(ctx);
  }

  return {
    async fetch(request) {
      const incoming = request.headers.get('x-request-id');
      const requestId = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
      const url = new URL(request.url);
      const prefix = new URL(links.root).pathname.replace(/\/+$/, '');
      const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) || '/' : url.pathname;
      let response: Response;
      try {
        response = await dispatch(request, url, path);
      } catch (error) {
        response = errorResponse(error, { requestId, instance: `${links.root}${path}${url.search}`, log: logger });
      }
      response.headers.set('x-request-id', requestId);
      return response;
    },
    idle: () => notifier.idle(),
    async close() {
      detach();
      await notifier.close();
    },
  };
}
