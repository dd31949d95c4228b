/**
 * One in-flight limit per process around every route but the health check (issue 11: a saturated
 * server answers 503 + Retry-After at once instead of timing out; `@mecport/http`'s in-flight limit,
 * with the agents' long-polls in a budget of their own). Health stays outside so a load balancer
 * still sees a busy replica alive; the shed requests themselves tell clients to wait.
 *
 * @example apiApp({ routes, wrap: shedWhenSaturated(apiEnv()) })
 */
import { createInFlightLimit, inFlightLimitOptions, type TInFlightLimitEnv, type TRouteHandler } from '@mecport/http';
import { log } from '../logger';
import type { TServedRoute } from './served-routes';

const UNLIMITED = new Set(['getHealth']);

export function shedWhenSaturated(env: TInFlightLimitEnv): (handle: TRouteHandler, route: TServedRoute) => TRouteHandler {
  const limit = createInFlightLimit({ ...inFlightLimitOptions(env), log });
  return (handle, route) => (UNLIMITED.has(route.operationId) ? handle : limit.wrap(handle));
}
