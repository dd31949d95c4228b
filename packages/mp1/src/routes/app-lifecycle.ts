/** MEC 011 application support: termination subscriptions, confirm_ready, confirm_termination, timing. */
import { type TRoute, type TRouteContext, appOf } from '../http/route';
import { parsePart } from '@mecport/contracts/input';
import { json, noContent, readJson } from '../http/input';
import { APP_SUPPORT_BASE } from '../http/links';
import { APP_TERMINATION_SUBSCRIPTION, ZAppReadyConfirmation, ZAppTerminationConfirmation, ZAppTerminationSubscriptionRequest } from '@mecport/contracts/mec011';
import type { TTerminationSubscriptionRecord } from '../registry/registry';
import { currentTime, timingCaps } from '../timing';
import { assertCallbackAllowed } from '../callback-policy';
import { subscriptionLinkList } from './subscription-links';

const base = `${APP_SUPPORT_BASE}/applications/:appInstanceId`;

function representation(ctx: TRouteContext, record: TTerminationSubscriptionRecord) {
  return { ...record.subscription, _links: { self: { href: ctx.links.terminationSubscription(record.appInstanceId, record.subscriptionId) } } };
}

export const appLifecycleRoutes: TRoute[] = [
  {
    method: 'GET', path: `${base}/subscriptions`, scope: 'own-app',
    handle: (ctx) => {
      const hrefs = ctx.registry.terminationSubscriptionsOf(appOf(ctx)).map((s) => ctx.links.terminationSubscription(s.appInstanceId, s.subscriptionId));
      return json(subscriptionLinkList(ctx.links.terminationSubscriptions(appOf(ctx)), APP_TERMINATION_SUBSCRIPTION, hrefs));
    },
  },
  {
    method: 'POST', path: `${base}/subscriptions`, scope: 'own-app',
    handle: async (ctx) => {
      const body = parsePart('body', ZAppTerminationSubscriptionRequest, readJson(ctx.req));
      await assertCallbackAllowed(body.callbackReference, ctx.callbackPolicy(appOf(ctx)), ctx.lookup);
      const created = representation(ctx, ctx.registry.subscribeTermination(appOf(ctx), body));
      return json(created, 201, { location: created._links.self.href });
    },
  },
  { method: 'GET', path: `${base}/subscriptions/:subscriptionId`, scope: 'own-app', handle: (ctx) => json(representation(ctx, ctx.registry.terminationSubscription(appOf(ctx), ctx.params.subscriptionId!))) },
  {
    method: 'DELETE', path: `${base}/subscriptions/:subscriptionId`, scope: 'own-app',
    handle: (ctx) => {
      ctx.registry.unsubscribeTermination(appOf(ctx), ctx.params.subscriptionId!);
      return noContent();
    },
  },
  {
    method: 'POST', path: `${base}/confirm_ready`, scope: 'own-app',
    handle: (ctx) => {
      parsePart('body', ZAppReadyConfirmation, readJson(ctx.req));
      ctx.registry.confirmReady(appOf(ctx));
      return noContent();
    },
  },
  {
    method: 'POST', path: `${base}/confirm_termination`, scope: 'own-app',
    handle: (ctx) => {
      const { operationAction } = parsePart('body', ZAppTerminationConfirmation, readJson(ctx.req));
      ctx.registry.confirmTermination(appOf(ctx), operationAction);
      return noContent();
    },
  },
  { method: 'GET', path: `${APP_SUPPORT_BASE}/timing/current_time`, scope: 'any-app', handle: (ctx) => json(currentTime(ctx.clock, ctx.timing.traceable())) },
  { method: 'GET', path: `${APP_SUPPORT_BASE}/timing/timing_caps`, scope: 'any-app', handle: (ctx) => json(timingCaps(ctx.clock, ctx.timing.sources)) },
];
