/** The scenarios a sandbox can run: files of the sandbox host (sandbox/scenarios/), read through its control API. */
import type { TScenario, TScenarioSummary } from '@mecport/contracts/sandbox';
import { requireHost, type TSandboxDeps } from './sandbox-deps';

export async function listScenarios(deps: Pick<TSandboxDeps, 'host'>): Promise<{ items: TScenarioSummary[]; nextCursor: null }> {
  const items = await requireHost(deps).scenarios();
  return { items: [...items].sort((a, b) => a.id.localeCompare(b.id)), nextCursor: null };
}

export function getScenario(deps: Pick<TSandboxDeps, 'host'>, scenarioId: string): Promise<TScenario> {
  return requireHost(deps).scenario(scenarioId);
}
