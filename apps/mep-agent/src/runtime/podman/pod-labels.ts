/**
 * How the agent names and labels what it runs in Podman (ADR 0010): pod `mecport-<appInstanceId>`,
 * labelled with the instance, the agent (node id) and the spec's configHash, so a restarted agent
 * finds its pods, tells a current pod from a stale one, and never touches anyone else's.
 *
 * @example podName('0d6c…') // 'mecport-0d6c…'; podLabels(spec, nodeId)['io.mecport.config'] === spec.configHash
 */
export const INSTANCE_LABEL = 'io.mecport.instance';
export const AGENT_LABEL = 'io.mecport.agent';
export const CONFIG_LABEL = 'io.mecport.config';

export const podName = (appInstanceId: string): string => `mecport-${appInstanceId}`;

export function podLabels(spec: { appInstanceId: string; configHash: string }, agentId: string): Record<string, string> {
  return { [INSTANCE_LABEL]: spec.appInstanceId, [AGENT_LABEL]: agentId, [CONFIG_LABEL]: spec.configHash };
}

/** `podman ... --filter` arguments selecting this agent's pods (of one instance when given). */
export function labelFilters(agentId: string, appInstanceId?: string): string[] {
  const filters = ['--filter', `label=${AGENT_LABEL}=${agentId}`];
  if (appInstanceId) filters.push('--filter', `label=${INSTANCE_LABEL}=${appInstanceId}`);
  return filters;
}
