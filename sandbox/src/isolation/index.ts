/** The sandbox's network: namespaces and tc netem where the machine allows them, loopback otherwise. */
export type { TSandboxNetwork, TSandboxNetworkFactory } from './sandbox-network';
export { createLoopbackNetwork } from './loopback-network';
export { createNamespaceNetwork } from './namespace-network';
export { createSandboxNetworkFactory, probeIsolation, removeLeftoverNamespaces, type TIsolationProbe } from './network-factory';
