/** `@mecport/sandbox`: the MEC sandbox engine (issue 13). */
export type { TEngine, TWorldView } from './engine/engine';
export type { TSandboxNetwork, TSandboxNetworkFactory } from './isolation/sandbox-network';
export type { TCreateSite, TSite, TSiteOptions, TSiteUpdate } from './site/site';
