/**
 * The sandbox network where the machine does not allow network namespaces: everything on
 * 127.0.0.1, nothing isolated, nothing shaped, and `networkShaping` says why.
 */
import type { TSandboxNetwork } from './sandbox-network';

export function createLoopbackNetwork(reason: string): TSandboxNetwork {
  return {
    shaping: { real: false, reason },
    isolated: false,
    commandPrefix: [],
    siteAddress: '127.0.0.1',
    appSideAddress: '127.0.0.1',
    shapeUe: () => Promise.resolve(),
    destroy: () => Promise.resolve(),
  };
}
