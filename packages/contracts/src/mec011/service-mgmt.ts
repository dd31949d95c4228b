/**
 * MEC 011 v2.1.1 service management data model (MecServiceMgmtApi.yaml `components.schemas`),
 * as zod schemas that validate what apps send and types for what the MEP answers.
 * Field names, casing and enums are the spec's, literally.
 */
import { z } from 'zod';
import { type TLinkType, zUriReference, zCallbackUrl, zId, zUint32 } from './common';

export const ZServiceState = z.enum(['ACTIVE', 'INACTIVE']);
export const ZSerializerType = z.enum(['JSON', 'XML', 'PROTOBUF3']);
export const ZLocalityType = z.enum(['MEC_SYSTEM', 'MEC_HOST', 'NFVI_POP', 'ZONE', 'ZONE_GROUP', 'NFVI_NODE']);
export const ZTransportType = z.enum(['REST_HTTP', 'MB_TOPIC_BASED', 'MB_ROUTING', 'MB_PUBSUB', 'RPC', 'RPC_STREAMING', 'WEBSOCKET']);
export const ZGrantType = z.enum(['OAUTH2_AUTHORIZATION_CODE', 'OAUTH2_IMPLICIT_GRANT', 'OAUTH2_RESOURCE_OWNER', 'OAUTH2_CLIENT_CREDENTIALS']);

export const ZCategoryRef = z.object({ href: zUriReference, id: z.string(), name: z.string(), version: z.string() });

const ZEndPointUris = z.object({ uris: z.array(zUriReference) }).strict();
const ZEndPointAddresses = z.object({ addresses: z.array(z.object({ host: z.string().min(1), port: zUint32 })) }).strict();
const ZEndPointAlternative = z.object({ alternative: z.record(z.string(), z.unknown()) }).strict();
/** `oneOf` uris | addresses | alternative: exactly one of the three. */
export const ZEndPointInfo = z.union([ZEndPointUris, ZEndPointAddresses, ZEndPointAlternative], {
  error: 'endpoint must have exactly one of uris, addresses or alternative',
});

export const ZSecurityInfo = z.object({
  oAuth2Info: z.object({ grantTypes: z.array(ZGrantType).min(1).max(4), tokenEndpoint: zUriReference }).optional(),
});

export const ZTransportInfo = z.object({
  id: z.string().min(1),
  name: z.string(),
  description: z.string().optional(),
  type: ZTransportType,
  protocol: z.string(),
  version: z.string(),
  endpoint: ZEndPointInfo,
  security: ZSecurityInfo,
  implSpecificInfo: z.record(z.string(), z.unknown()).optional(),
});

const serviceFields = {
  serName: z.string().min(1).max(256),
  serCategory: ZCategoryRef.optional(),
  version: z.string().max(256),
  state: ZServiceState,
  serializer: ZSerializerType,
  scopeOfLocality: ZLocalityType.optional(),
  consumedLocalOnly: z.boolean().optional(),
  isLocal: z.boolean().optional(),
};

/** ServiceInfo as the MEP stores and answers it; `serInstanceId` is assigned by the MEP. */
export const ZServiceInfo = z.object({ serInstanceId: zId.optional(), ...serviceFields, transportInfo: ZTransportInfo });

/** ServiceInfo.Post: the producer names a platform transport (`transportId`) or brings its own `transportInfo`. */
export const ZServiceInfoPost = z
  .object({ serInstanceId: zId.optional(), ...serviceFields, transportId: z.string().min(1).optional(), transportInfo: ZTransportInfo.optional() })
  .refine((s) => (s.transportId === undefined) !== (s.transportInfo === undefined), {
    message: 'give exactly one of transportId (a platform transport from GET /transports) or transportInfo',
    path: ['transportId'],
  });

/**
 * FilteringCriteria: the present attributes are ANDed. serInstanceIds, serNames and serCategories
 * are alternative ways to name services (GS MEC 011 clause 8.1.3.2): at most one of them.
 */
export const ZSerAvailabilityFilteringCriteria = z
  .object({
    serInstanceIds: z.array(z.string()).optional(),
    serNames: z.array(z.string()).optional(),
    serCategories: z.array(ZCategoryRef).optional(),
    states: z.array(ZServiceState).optional(),
    isLocal: z.boolean().optional(),
  })
  .refine((c) => [c.serInstanceIds, c.serNames, c.serCategories].filter((v) => v !== undefined).length <= 1, {
    message: 'serInstanceIds, serNames and serCategories are mutually exclusive: give at most one',
  });

export const SER_AVAILABILITY_SUBSCRIPTION = 'SerAvailabilityNotificationSubscription';

/** The subscription as an app POSTs it (`_links` is the MEP's to set, so it is ignored). */
export const ZSerAvailabilitySubscriptionRequest = z.object({
  subscriptionType: z.literal(SER_AVAILABILITY_SUBSCRIPTION, { error: `subscriptionType must be "${SER_AVAILABILITY_SUBSCRIPTION}"` }),
  callbackReference: zCallbackUrl,
  filteringCriteria: ZSerAvailabilityFilteringCriteria.optional(),
});

export type TServiceState = z.infer<typeof ZServiceState>;
export type TLocalityType = z.infer<typeof ZLocalityType>;
export type TCategoryRef = z.infer<typeof ZCategoryRef>;
export type TTransportInfo = z.infer<typeof ZTransportInfo>;
export type TServiceInfo = z.infer<typeof ZServiceInfo> & { serInstanceId: string };
export type TServiceInfoPost = z.infer<typeof ZServiceInfoPost>;
export type TSerAvailabilityFilteringCriteria = z.infer<typeof ZSerAvailabilityFilteringCriteria>;
export type TSerAvailabilitySubscriptionRequest = z.infer<typeof ZSerAvailabilitySubscriptionRequest>;
export type TSerAvailabilityNotificationSubscription = TSerAvailabilitySubscriptionRequest & { _links: { self: TLinkType } };

export type TChangeType = 'ADDED' | 'REMOVED' | 'STATE_CHANGED' | 'ATTRIBUTES_CHANGED';
export interface TServiceAvailabilityNotification {
  notificationType: 'SerAvailabilityNotification';
  serviceReferences: { link?: TLinkType; serName: string; serInstanceId: string; state: TServiceState; changeType: TChangeType }[];
  _links: { subscription: TLinkType };
}
