/**
 * What the edge gateway serves: the agents' side of the edge channel (enrolment, the desired-state
 * long-poll, reports, heartbeats, log tails, package downloads, the rule switches apps made through Mp1) and the health check. Everything
 * else (the UI's API, MEC 010-2, uploads) answers 404 there.
 *
 * When you would edit this: a new route that agents call. Routes declared `withAgent()` are
 * included by that alone; a public one (like enrolment) is named here.
 */
import type { TAnyRoute } from '@mecport/http';

const PUBLIC_AGENT_OPERATIONS = new Set(['enrolAgent', 'getHealth']);

export function isEdgeGatewayRoute(route: Pick<TAnyRoute, 'auth' | 'operationId'>): boolean {
  return route.auth.kind === 'agent' || PUBLIC_AGENT_OPERATIONS.has(route.operationId);
}
