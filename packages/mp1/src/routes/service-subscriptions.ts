/** MEC 011 service management: service availability subscriptions (notifications go to callbackReference). */
import type { TRoute, TRouteContext } from '../http/route';
import { appOf } from '../http/route';
import { parsePart } from '@mecport/contracts/input';
import { json, noContent, readJson } from '../http/input';
import { SERVICE_MGMT_BASE } from '../http/links';
import { SER_AVAILABILITY_SUBSCRIPTION, ZSerAvailabilitySubscriptionRequest } from '@mecport/contracts/mec011';
import type { TServiceSubscriptionRecord } from '../registry/service-catalog';
import { assertCallbackAllowed } from '../callback-policy';
import { subscriptionLinkList } from './subscription-links';

const path = `${SERVICE_MGMT_BASE}/applications/:appInstanceId/subscriptions`;

function representation(ctx: TRouteContext, record: TServiceSubscriptionRecord) {
  return { ...record.subscription, _links: { self: { href: ctx.links.serviceSubscription(record.appInstanceId, record.subscriptionId) } } };
}

export const serviceSubscriptionRoutes: TRoute[] = [
  {
    method: 'GET', path, scope: 'own-app',
    handle: (ctx) => {
      const hrefs = ctx.registry.services.subscriptionsOf(appOf(ctx)).map((s) => ctx.links.serviceSubscription(s.appInstanceId, s.subscriptionId));
      return json(subscriptionLinkList(ctx.links.serviceSubscriptions(appOf(ctx)), SER_AVAILABILITY_SUBSCRIPTION, hrefs));
    },
  },
  {
    method: 'POST', path, scope: 'own-app',
    handle: async (ctx) => {
      const body = parsePart('body', ZSerAvailabilitySubscriptionRequest, readJson(ctx.req));
      await assertCallbackAllowed(body.callbackReference, ctx.callbackPolicy(appOf(ctx)), ctx.lookup);
      const record = ctx.registry.services.subscribe(appOf(ctx), body);
      const created = representation(ctx, record);
      return json(created, 201, { location: created._links.self.href });
    },
  },
  { method: 'GET', path: `${path}/:subscriptionId`, scope: 'own-app', handle: (ctx) => json(representation(ctx, ctx.registry.services.subscription(appOf(ctx), ctx.params.subscriptionId!))) },
  {
    method: 'DELETE', path: `${path}/:subscriptionId`, scope: 'own-app',
    handle: (ctx) => {
      ctx.registry.services.unsubscribe(appOf(ctx), ctx.params.subscriptionId!);
      return noContent();
    },
  },
];
