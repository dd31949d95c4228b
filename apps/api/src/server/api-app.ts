/**
 * The Hono app that answers the API: every served route (./served-routes), `GET /api/openapi.json`,
 * and a problem+json 404 for any other path it is given. The portal's server and the edge gateway
 * build it with different route sets.
 *
 * Params reach a route the way its `handle` expects them (Next's `{ params: Promise }` context,
 * which packages/http keeps as its calling convention), decoded by Hono.
 *
 * @example
 *   const app = apiApp({ routes: servedRoutes(), openApi: openApiDocument });
 *   await app.request('/api/health'); // 200
 */
import { AppError } from '@mecport/contracts';
import { errorToResponse, REQUEST_ID_HEADER, requestIdOf, type TRouteHandler } from '@mecport/http';
import { Hono, type Context } from 'hono';
import { log } from '../logger';
import { bySpecificity, honoPath } from './route-order';
import type { TServedRoute } from './served-routes';

export interface TApiAppOptions {
  routes: readonly TServedRoute[];
  /** Serves `GET /api/openapi.json` with this document (the gateway leaves it out). */
  openApi?: () => unknown;
  /**
   * Wraps every route's handler: the one place a guard for all routes goes (an in-flight limit
   * answering 503 + Retry-After, say). Identity by default.
   */
  wrap?: (handle: TRouteHandler, route: TServedRoute) => TRouteHandler;
}

function notFound(request: Request): Response {
  const path = new URL(request.url).pathname;
  return errorToResponse(new AppError('not-found', `No API route ${request.method} ${path}; see /api/openapi.json`), { requestId: requestIdOf(request), instance: path });
}

/** Hono routes HEAD to GET handlers; a route served only for HEAD lets a real GET fall through to the 404. */
function mount(app: Hono, route: TServedRoute, handle: TRouteHandler): void {
  const serve = (c: Context) => handle(c.req.raw, { params: Promise.resolve(c.req.param()) });
  if (route.method === 'HEAD') {
    app.get(honoPath(route.path), (c, next) => (c.req.raw.method === 'HEAD' ? serve(c) : next()));
    return;
  }
  app.on(route.method, honoPath(route.path), serve);
}

export function apiApp(options: TApiAppOptions): Hono {
  const app = new Hono();
  const wrap = options.wrap ?? ((handle) => handle);
  if (options.openApi) {
    const document = options.openApi;
    app.get('/api/openapi.json', (c) => Response.json(document(), { headers: { [REQUEST_ID_HEADER]: requestIdOf(c.req.raw) } }));
  }
  for (const route of [...options.routes].sort(bySpecificity)) mount(app, route, wrap(route.handle, route));
  app.notFound((c) => notFound(c.req.raw));
  // Route handlers answer their own errors (packages/http); this catches a fault outside them.
  app.onError((error, c) => errorToResponse(error, { requestId: requestIdOf(c.req.raw), instance: new URL(c.req.url).pathname, log }));
  return app;
}
