/**
 * MEC 011 application support: the app's traffic and DNS rules. They come from the AppD (the
 * host puts them in the registry); through Mp1 an app reads them and PUTs them back with a new
 * `state`, the only attribute it may change.
 */
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { type TRoute, type TRouteContext, appOf } from '../http/route';
import { checkIfMatch, withEtag } from '../http/etag';
import { parsePart, validationError } from '@mecport/contracts/input';
import { json, readJson } from '../http/input';
import { APP_SUPPORT_BASE } from '../http/links';
import { type TRuleState, ZDnsRule, ZTrafficRule } from '@mecport/contracts/mec011';

const base = `${APP_SUPPORT_BASE}/applications/:appInstanceId`;

/** Refuses a PUT whose id differs from the path or that changes anything but `state`; returns the new state. */
function requestedState<R extends { state: TRuleState }>(stored: R, body: R, idField: keyof R & string, pathId: string): TRuleState {
  if (body[idField] !== pathId) throw validationError([{ in: 'body', field: idField, message: `must be the rule id of the path (${pathId})` }]);
  const changed = Object.keys({ ...stored, ...body }).filter((k) => k !== 'state' && !isDeepStrictEqual(stored[k as keyof R], body[k as keyof R]));
  if (changed.length > 0) {
    throw validationError(changed.map((field) => ({ in: 'body', field, message: 'only state may be changed through Mp1 (the rule itself comes from the AppD); send the rule as GET returns it' })));
  }
  return body.state;
}

const one = (rule: unknown) => withEtag(json(rule), rule);

function ruleBody<S extends z.ZodType>(ctx: TRouteContext, schema: S): z.infer<S> {
  return parsePart('body', schema, readJson(ctx.req));
}

export const ruleRoutes: TRoute[] = [
  { method: 'GET', path: `${base}/traffic_rules`, scope: 'own-app', handle: (ctx) => json(ctx.registry.trafficRules(appOf(ctx))) },
  { method: 'GET', path: `${base}/traffic_rules/:trafficRuleId`, scope: 'own-app', handle: (ctx) => one(ctx.registry.trafficRule(appOf(ctx), ctx.params.trafficRuleId!)) },
  {
    method: 'PUT', path: `${base}/traffic_rules/:trafficRuleId`, scope: 'own-app',
    handle: (ctx) => {
      const id = ctx.params.trafficRuleId!;
      const stored = ctx.registry.trafficRule(appOf(ctx), id);
      checkIfMatch(ctx.req, stored);
      const state = requestedState(stored, ruleBody(ctx, ZTrafficRule), 'trafficRuleId', id);
      return one(ctx.registry.setTrafficRuleState(appOf(ctx), id, state));
    },
  },
  { method: 'GET', path: `${base}/dns_rules`, scope: 'own-app', handle: (ctx) => json(ctx.registry.dnsRules(appOf(ctx))) },
  { method: 'GET', path: `${base}/dns_rules/:dnsRuleId`, scope: 'own-app', handle: (ctx) => one(ctx.registry.dnsRule(appOf(ctx), ctx.params.dnsRuleId!)) },
  {
    method: 'PUT', path: `${base}/dns_rules/:dnsRuleId`, scope: 'own-app',
    handle: (ctx) => {
      const id = ctx.params.dnsRuleId!;
      const stored = ctx.registry.dnsRule(appOf(ctx), id);
      checkIfMatch(ctx.req, stored);
      const state = requestedState(stored, ruleBody(ctx, ZDnsRule), 'dnsRuleId', id);
      return one(ctx.registry.setDnsRuleState(appOf(ctx), id, state));
    },
  },
];
