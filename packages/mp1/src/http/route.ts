/** What an Mp1 route declares and what it gets when called. */
import type { TTimingSources } from '@mecport/contracts/mec011';
import type { TLookup } from '@mecport/url-policy';
import type { TCallbackPolicyOf } from '../callback-policy';
import type { Mp1Registry } from '../registry/registry';
import type { TClock } from '../timing';
import type { Links } from './links';
import type { TMp1Request, TMp1Response } from './types';

export type THttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface TRouteContext {
  req: TMp1Request;
  url: URL;
  params: Record<string, string>;
  /** The app instance the caller's token was issued to. */
  caller: string;
  registry: Mp1Registry;
  links: Links;
  clock: TClock;
  timing: { traceable: () => boolean; sources: TTimingSources };
  /** Where an app instance's notifications may go. */
  callbackPolicy: TCallbackPolicyOf;
  /** Name resolution for callback checks (the system's when absent). */
  lookup?: TLookup;
}

export interface TRoute {
  method: THttpMethod;
  /** Full path template in find-my-way syntax, e.g. `/mec_app_support/v1/applications/:appInstanceId/dns_rules`. */
  path: string;
  /**
   * `own-app`: the path's `:appInstanceId` must be the caller's (403 otherwise);
   * `any-app`: discovery and timing, open to every app instance with a valid token.
   */
  scope: 'own-app' | 'any-app';
  handle(ctx: TRouteContext): TMp1Response | Promise<TMp1Response>;
}

/** The path's app instance id; routes with scope `own-app` always have one. */
export const appOf = (ctx: TRouteContext): string => ctx.params.appInstanceId!;
