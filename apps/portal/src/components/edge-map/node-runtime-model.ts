/**
 * What the node's facts say about containers, from its runtime setting and what its agent reported:
 * whether Podman is available there, not installed, or not known yet (the agent has not said), and
 * whether the setting and the node agree (a Podman setting on a node without Podman runs no container app).
 *
 * @example podmanOnNode({ runtimes: ['process'] }) // 'missing'
 */
import type { TEdgeNode } from '@mecport/contracts';

export type TPodmanOnNode = 'available' | 'missing' | 'unknown';

export function podmanOnNode(node: Pick<TEdgeNode, 'runtimes'>): TPodmanOnNode {
  if (node.runtimes === null) return 'unknown';
  return node.runtimes.includes('podman') ? 'available' : 'missing';
}

/** The setting asks for Podman but the agent reported none: container apps are refused there. */
export function runtimeMismatch(node: Pick<TEdgeNode, 'runtime' | 'runtimes'>): boolean {
  return node.runtime.container === 'podman' && podmanOnNode(node) === 'missing';
}
