/**
 * The arguments every portal process gets after `next`: `start` on a port, with idle keep-alive
 * connections held longer than agents' heartbeat interval (10 s by default) and long-poll.
 * With Node's 5 s default every heartbeat opened a new connection, and a rollout to 1,000 agents
 * opened ~1,000 at once: that burst overflows the listen backlog (511) and the dropped SYNs cost
 * the agents 1-3 s of TCP retransmits (measured with the edge-channel bench).
 */
export const PORTAL_KEEP_ALIVE_MS = 75_000;

export function portalStartArgs(port: number): string[] {
  return ['start', '-p', String(port), '--keepAliveTimeout', String(PORTAL_KEEP_ALIVE_MS)];
}
