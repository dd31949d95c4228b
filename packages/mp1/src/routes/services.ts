/** MEC 011 service management: discovery, the producer's services, and the platform's transports. */
import type { TRoute, TRouteContext } from '../http/route';
import { appOf } from '../http/route';
import { checkIfMatch, withEtag } from '../http/etag';
import { parsePart, queryObject } from '@mecport/contracts/input';
import { json, noContent, readJson } from '../http/input';
import { SERVICE_MGMT_BASE } from '../http/links';
import { ZServiceInfo, ZServiceInfoPost } from '@mecport/contracts/mec011';
import { ZServiceQuery } from '../service-filter';

const base = SERVICE_MGMT_BASE;
const query = (ctx: TRouteContext) => parsePart('query', ZServiceQuery, queryObject(ctx.url));
const serviceId = (ctx: TRouteContext) => ctx.params.serviceId!;
const one = (service: unknown) => withEtag(json(service), service);

export const serviceRoutes: TRoute[] = [
  { method: 'GET', path: `${base}/services`, scope: 'any-app', handle: (ctx) => json(ctx.registry.services.find(query(ctx))) },
  { method: 'GET', path: `${base}/services/:serviceId`, scope: 'any-app', handle: (ctx) => one(ctx.registry.services.get(serviceId(ctx))) },
  { method: 'GET', path: `${base}/transports`, scope: 'any-app', handle: (ctx) => json(ctx.registry.platformTransports()) },
  { method: 'GET', path: `${base}/applications/:appInstanceId/services`, scope: 'own-app', handle: (ctx) => json(ctx.registry.services.find(query(ctx), appOf(ctx))) },
  {
    method: 'POST', path: `${base}/applications/:appInstanceId/services`, scope: 'own-app',
    handle: (ctx) => {
      const body = parsePart('body', ZServiceInfoPost, readJson(ctx.req));
      const service = ctx.registry.services.register(appOf(ctx), body);
      return json(service, 201, { location: ctx.links.service(service.serInstanceId, appOf(ctx)) });
    },
  },
  { method: 'GET', path: `${base}/applications/:appInstanceId/services/:serviceId`, scope: 'own-app', handle: (ctx) => one(ctx.registry.services.get(serviceId(ctx), appOf(ctx))) },
  {
    method: 'PUT', path: `${base}/applications/:appInstanceId/services/:serviceId`, scope: 'own-app',
    handle: (ctx) => {
      checkIfMatch(ctx.req, ctx.registry.services.get(serviceId(ctx), appOf(ctx)));
      const body = parsePart('body', ZServiceInfo, readJson(ctx.req));
      return one(ctx.registry.services.update(appOf(ctx), serviceId(ctx), body));
    },
  },
  {
    method: 'DELETE', path: `${base}/applications/:appInstanceId/services/:serviceId`, scope: 'own-app',
    handle: (ctx) => {
      ctx.registry.services.deregister(appOf(ctx), serviceId(ctx));
      return noContent();
    },
  },
];
