'use client';
/**
 * The rules API calls the configurator makes (`/api/v1/edge/rules/...`, apps/api), each resolving
 * to its answer or the RFC 9457 problem; a 409 on apply carries the server's dry-run report.
 */
import type { TDryRunReport, TNodeRules, TRuleChange, TRuleChangeRequest } from '@mecport/contracts';
import { useCallback, useEffect, useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';

export type TResult<T> = { ok: true; data: T } | { ok: false; problem: TApiProblem; report?: TDryRunReport };
type TFetch = (path: string, init?: RequestInit) => Promise<Response>;

const post = (body?: unknown): RequestInit => (body === undefined ? { method: 'POST' } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function call<T>(apiFetch: TFetch, path: string, init: RequestInit): Promise<TResult<T>> {
  try {
    const res = await apiFetch(path, init);
    if (res.ok) return { ok: true, data: (await res.json()) as T };
    const problem = await readProblem(res);
    const body = (await res.clone().json().catch(() => null)) as { report?: TDryRunReport } | null;
    return { ok: false, problem, ...(body?.report ? { report: body.report } : {}) };
  } catch (e) {
    return { ok: false, problem: networkProblem(e) };
  }
}

export const dryRun = (apiFetch: TFetch, request: TRuleChangeRequest) => call<TDryRunReport>(apiFetch, '/api/v1/edge/rules/dry-run', post(request));
export const applyChange = (apiFetch: TFetch, request: TRuleChangeRequest) => call<TRuleChange>(apiFetch, '/api/v1/edge/rules/changes', post(request));
export const retryChange = (apiFetch: TFetch, id: string) => call<TRuleChange>(apiFetch, `/api/v1/edge/rules/changes/${id}/retry`, post());
export const rollbackChange = (apiFetch: TFetch, id: string) => call<TRuleChange>(apiFetch, `/api/v1/edge/rules/changes/${id}/rollback`, post());
export const restoreVersion = (apiFetch: TFetch, nodeId: string, version: number) => call<TRuleChange>(apiFetch, `/api/v1/edge/nodes/${nodeId}/rule-sets/${version}/restore`, post());

/** The current rules of a few nodes (the draft's starting point); re-read when the list changes. */
export function useNodesRules(nodeIds: readonly string[]): { nodes: TNodeRules[]; loading: boolean; problem: TApiProblem | null } {
  const { apiFetch } = useAuth();
  const key = nodeIds.join(',');
  const [state, setState] = useState<{ key: string; nodes: TNodeRules[]; problem: TApiProblem | null } | null>(null);
  const read = useCallback(async (ids: string[], signal: AbortSignal) => {
    const answers = await Promise.all(ids.map((id) => call<TNodeRules>(apiFetch, `/api/v1/edge/nodes/${id}/rules`, { signal, cache: 'no-cache' })));
    return { nodes: answers.flatMap((a) => (a.ok ? [a.data] : [])), problem: answers.find((a) => !a.ok)?.problem ?? null };
  }, [apiFetch]);
  useEffect(() => {
    const abort = new AbortController();
    if (!key) { setState({ key, nodes: [], problem: null }); return; }
    void read(key.split(','), abort.signal).then((r) => { if (!abort.signal.aborted) setState({ key, ...r }); });
    return () => abort.abort();
  }, [key, read]);
  return { nodes: state?.key === key ? state.nodes : [], loading: state?.key !== key, problem: state?.key === key ? state.problem : null };
}
