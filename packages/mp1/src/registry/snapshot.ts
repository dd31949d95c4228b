/**
 * Everything of the Mp1 state that must survive an agent restart, as plain JSON: app instances
 * (credentials hash, ready flag, rules with their states), registered services and both kinds
 * of subscriptions. Tokens and terminations in progress are not in it (apps re-authenticate;
 * the host re-issues a termination it still wants).
 */
import { z } from 'zod';
import { zId, ZAppTerminationSubscriptionRequest, ZDnsRule, ZTrafficRule, ZSerAvailabilitySubscriptionRequest, ZServiceInfo } from '@mecport/contracts/mec011';

/** An app instance's declared ports (a process bundle declares at most 16). */
export const ZListenPorts = z.array(z.number().int().min(1).max(65535)).max(64);

export const ZAppInstanceState = z.object({
  appInstanceId: zId,
  clientId: zId,
  clientSecretHash: z.string().regex(/^sha256:[A-Za-z0-9_-]{43}$/, 'must be a hash made by hashClientSecret'),
  ready: z.boolean(),
  /** Absent in snapshots written before callbacks were checked: no loopback port is open then. */
  listenPorts: ZListenPorts.default([]),
  trafficRules: z.array(ZTrafficRule),
  dnsRules: z.array(ZDnsRule),
});

export const ZMp1Snapshot = z.object({
  version: z.literal(1),
  apps: z.array(ZAppInstanceState),
  services: z.array(z.object({ appInstanceId: zId, service: ZServiceInfo.extend({ serInstanceId: zId }) })),
  serviceSubscriptions: z.array(z.object({ subscriptionId: zId, appInstanceId: zId, subscription: ZSerAvailabilitySubscriptionRequest })),
  terminationSubscriptions: z.array(z.object({ subscriptionId: zId, appInstanceId: zId, subscription: ZAppTerminationSubscriptionRequest })),
});

export type TAppInstanceState = z.infer<typeof ZAppInstanceState>;
export type TMp1Snapshot = z.infer<typeof ZMp1Snapshot>;
