/**
 * A finished deployment's summary in the reader's language. The server's "N node(s) failed" is
 * rebuilt from the machine fields (`status`, `counts`) as a plural-aware message; any other
 * message is the server's own words and shown as sent.
 *
 * @example deploymentOutcome({ status: 'failed', message: '1 node(s) failed', counts }) // { kind: 'nodesFailed', count: 1 }
 */
import type { TDeployment } from '@mecport/contracts';

export type TDeploymentOutcome = { kind: 'nodesFailed'; count: number } | { kind: 'message'; text: string } | null;

export function deploymentOutcome(d: Pick<TDeployment, 'status' | 'message' | 'counts'>): TDeploymentOutcome {
  if (!d.message) return null;
  const failed = d.counts.failed + d.counts.rolled_back;
  if ((d.status === 'failed' || d.status === 'rolled_back') && d.message === `${failed} node(s) failed`) return { kind: 'nodesFailed', count: failed };
  return { kind: 'message', text: d.message };
}
