/**
 * The Mp1 API as one handler of plain request/response objects: both MEC 011 APIs under
 * `/mec_service_mgmt/v1` and `/mec_app_support/v1`, and the OAuth2 token endpoint `/oauth2/token`.
 * `createMp1Server` serves it with node:http; `toWebHandler` adapts it to Request/Response.
 *
 * @example
 * const handler = createMp1Handler({ registry, publicUrl: 'http://10.0.0.5:8443' });
 * const { status, body } = await handler.handle({ method: 'GET', url: '/mec_app_support/v1/timing/current_time', headers: { authorization: `Bearer ${token}` } });
 */
import { randomUUID } from 'node:crypto';
import { handleTokenRequest } from './auth/token-endpoint';
import { AppError } from '@mecport/contracts/errors';
import type { TLookup } from '@mecport/url-policy';
import { callbackPolicies } from './callback-policy';
import { TokenStore } from './auth/token-store';
import { authenticate } from './http/authenticate';
import { Links, TOKEN_PATH } from './http/links';
import { errorResponse } from './http/problem';
import type { TRoute, TRouteContext } from './http/route';
import { createRouter } from './http/router';
import type { TMp1Request, TMp1Response } from './http/types';
import type { TMp1Logger } from './logger';
import type { TTimingSources } from '@mecport/contracts/mec011';
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
  /**
   * Address ranges (CIDR) the operator allow-lists for callbacks, besides loopback on each app's
   * own declared ports (`listenPorts`); read at every check, so a function sees changes.
   */
  callbackAllowCidrs?: readonly string[] | (() => readonly string[]);
  /** Name resolution for callback checks; default the system's (tests give a fake). */
  lookup?: TLookup;
  logger?: TMp1Logger;
}

export interface TMp1Handler {
  handle(req: TMp1Request): Promise<TMp1Response>;
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
  const allowCidrs = options.callbackAllowCidrs;
  const callbackPolicy = callbackPolicies(registry, typeof allowCidrs === 'function' ? allowCidrs : () => allowCidrs ?? []);
  const notifier = new Notifier({ ...options.notifications, lookup: options.lookup }, logger);
  const detachNotifications = wireNotifications(registry, notifier, links, callbackPolicy);
  // A removed instance's tokens die with it, also when an instance of the same id is added again.
  const revoke = ({ appInstanceId }: { appInstanceId: string }) => tokens.revokeApp(appInstanceId);
  registry.on('appInstanceRemoved', revoke);
  const traceable = options.timeSourceTraceable;
  const timing = { traceable: typeof traceable === 'function' ? traceable : () => traceable ?? false, sources: options.timingSources ?? {} };
  if (registry.platformTransports().length === 0) registry.setTransports(() => [mp1Transport(links)]);
  const match = createRouter(ROUTES);

  function dispatch(req: TMp1Request, url: URL, path: string): TMp1Response | Promise<TMp1Response> {
    if (path === TOKEN_PATH) {
      if (req.method !== 'POST') throw new AppError('method-not-allowed', `${req.method} is not allowed on ${TOKEN_PATH}; use POST`, { headers: { allow: 'POST' } });
      return handleTokenRequest(req, { authenticate: (id, secret) => registry.authenticateClient(id, secret), tokens });
    }
    const found = match(req.method, path);
    if (!found) throw new AppError('not-found', `No Mp1 resource at ${path}`);
    if ('allowed' in found) throw new AppError('method-not-allowed', `${req.method} is not allowed on ${path}; use ${found.allowed.join(' or ')}`, { headers: { allow: found.allowed.join(', ') } });
    const caller = authenticate(req, tokens, registry);
    if (found.route.scope === 'own-app' && found.params.appInstanceId !== caller) {
      throw new AppError('forbidden', `The access token of app instance ${caller} does not grant access to the resources of app instance ${found.params.appInstanceId}`);
    }
    const ctx: TRouteContext = { req, url, params: found.params, caller, registry, links, clock, timing, callbackPolicy, lookup: options.lookup };
    return found.route.handle(ctx);
  }

  return {
    // Async: a subscription's callbackReference is judged with name resolution.
    async handle(req) {
      const incoming = req.headers['x-request-id'];
      const requestId = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
      const url = new URL(req.url, 'http://mp1.invalid');
      const prefix = new URL(links.root).pathname.replace(/\/+$/, '');
      const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) || '/' : url.pathname;
      let response: TMp1Response;
      try {
        response = await dispatch(req, url, path);
      } catch (error) {
        response = errorResponse(error, { requestId, instance: `${links.root}${path}${url.search}`, log: logger });
      }
      response.headers['x-request-id'] = requestId;
      return response;
    },
    idle: () => notifier.idle(),
    async close() {
      detachNotifications();
      registry.off('appInstanceRemoved', revoke);
      await notifier.close();
    },
  };
}
