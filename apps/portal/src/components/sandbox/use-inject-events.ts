'use client';
/**
 * Injects events into a sandbox now (`POST .../events`, 202) and keeps what became of the last
 * few (accepted, or the problem), newest first, for the inject panel to show.
 */
import type { TInjectedEvent } from '@mecport/contracts/sandbox';
import { useCallback, useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';

export interface TInjectResult { n: number; event: TInjectedEvent; problem: TApiProblem | null }

const KEEP = 5;

export function useInjectEvents(sandboxId: string) {
  const { apiFetch } = useAuth();
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<TInjectResult[]>([]);

  const inject = useCallback(async (event: TInjectedEvent) => {
    setBusy(true);
    let problem: TApiProblem | null = null;
    try {
      const res = await apiFetch(`/api/v1/sandboxes/${encodeURIComponent(sandboxId)}/events`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(event),
      });
      if (!res.ok) problem = await readProblem(res);
    } catch (e) {
      problem = networkProblem(e);
    } finally {
      setBusy(false);
    }
    setResults((rs) => [{ n: (rs[0]?.n ?? 0) + 1, event, problem }, ...rs].slice(0, KEEP));
    return problem === null;
  }, [apiFetch, sandboxId]);

  return { inject, busy, results };
}
