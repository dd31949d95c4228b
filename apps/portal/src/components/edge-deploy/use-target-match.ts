'use client';
/**
 * The nodes a deployment's target reaches, live while the operator edits it: picked nodes and
 * groups from the tenant's node list (loaded once, the map's wire form decoded); a label selector asks
 * the API (`GET /api/v1/edge/map/nodes?label=`, debounced) so the preview matches exactly what
 * the deployment will resolve. Revoked nodes are left out, as the deployment leaves them out.
 */
import { decodeMapNodes, type TMapNode, type TMapNodeList } from '@mecport/contracts';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo } from 'react';
import { normaliseSelector, parseSelector, type TDeploymentFormValues } from './deployment-form-model';
import { useApiResource } from '@/hooks/use-api-resource';
import type { TApiProblem } from '@/components/ui/api-problem';

export interface TTargetMatch {
  /** null while not known (still loading, or the selector is not complete). */
  nodes: TMapNode[] | null;
  problem: TApiProblem | null;
}

const live = (list: readonly TMapNode[]) => list.filter((n) => n.status !== 'revoked');

export function useTargetMatch(values: Pick<TDeploymentFormValues, 'targetKind' | 'nodeIds' | 'groupId' | 'selector'>, all: readonly TMapNode[] | null): TTargetMatch {
  const [selector] = useDebouncedValue(values.selector, 400);
  const valid = values.targetKind === 'labels' && parseSelector(selector) !== null;
  const path = valid ? `/api/v1/edge/map/nodes?${new URLSearchParams({ label: normaliseSelector(selector) })}` : null;
  const byLabel = useApiResource<TMapNodeList>(path);
  // Only an answer for the selector as it stands now counts; anything older is still loading.
  const settled = selector === values.selector && byLabel.loadedPath === path;

  return useMemo(() => {
    if (values.targetKind === 'labels') {
      if (!valid) return { nodes: null, problem: null };
      if (byLabel.problem) return { nodes: null, problem: byLabel.problem };
      return { nodes: settled && byLabel.data ? live(decodeMapNodes(byLabel.data)) : null, problem: null };
    }
    if (!all) return { nodes: null, problem: null };
    if (values.targetKind === 'group') return { nodes: values.groupId ? live(all.filter((n) => n.groupId === values.groupId)) : null, problem: null };
    const picked = new Set(values.nodeIds);
    return { nodes: live(all.filter((n) => picked.has(n.id))), problem: null };
  }, [values.targetKind, values.groupId, values.nodeIds, valid, settled, byLabel.data, byLabel.problem, all]);
}
