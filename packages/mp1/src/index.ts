/**
 * @mecport/mp1: the ETSI MEC 011 v2.1.1 Mp1 API that a MEP serves to the apps on its node.
 * The host creates an `Mp1Registry` (state it drives and persists with `snapshot()`/`restore()`)
 * and serves it with `createMp1Server` (node:http), or `createMp1Handler` in a host of its own
 * (`toWebHandler` adapts it to Request -> Response).
 */
export { Mp1Registry, ZAppInstanceInput, type TAppInstanceInput, type TMp1RegistryOptions, type TTerminationOutcome } from './registry/registry';
export type { TMp1Events, TRuleChange } from './registry/events';
export { ZMp1Snapshot, type TMp1Snapshot } from './registry/snapshot';
export { ServiceCatalog } from './registry/service-catalog';
export { createMp1Handler, type TMp1Handler, type TMp1HandlerOptions } from './mp1-handler';
export { createMp1Server, type TMp1Server, type TMp1ServerOptions } from './mp1-server';
export { toWebHandler } from './http/web-adapter';
export type { TMp1Request, TMp1Response } from './http/types';
export { generateAppCredentials, hashClientSecret } from './auth/client-credentials';
export { APP_SUPPORT_BASE, SERVICE_MGMT_BASE, TOKEN_PATH } from './http/links';
export { MP1_TRANSPORT_ID } from './transport';
export type { TMp1Logger } from './logger';
export type { TNotifierOptions } from './notifier';
