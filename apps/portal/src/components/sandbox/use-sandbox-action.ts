'use client';
/**
 * Sends one of a sandbox's actions (a POST or DELETE under `/api/v1/sandboxes/{id}`), with the
 * busy flag and the problem of the last refused one. `send` resolves to the parsed answer, or
 * null when the action was refused or the network failed (the problem says which).
 *
 * @example const { send, busy, problem } = useSandboxAction(id);  const sb = await send<TSandbox>('start');
 */
import { useCallback, useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';

export function useSandboxAction(sandboxId: string) {
  const { apiFetch } = useAuth();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<TApiProblem | null>(null);

  const send = useCallback(async <T,>(path: string, options: { method?: 'POST' | 'DELETE'; body?: unknown } = {}): Promise<T | null> => {
    setBusy(path);
    setProblem(null);
    try {
      const init: RequestInit = { method: options.method ?? 'POST' };
      if (options.body !== undefined) { init.headers = { 'Content-Type': 'application/json' }; init.body = JSON.stringify(options.body); }
      const res = await apiFetch(`/api/v1/sandboxes/${encodeURIComponent(sandboxId)}${path ? `/${path}` : ''}`, init);
      if (!res.ok) { setProblem(await readProblem(res)); return null; }
      const text = await res.text();
      return (text ? JSON.parse(text) : {}) as T;
    } catch (e) {
      setProblem(networkProblem(e));
      return null;
    } finally {
      setBusy(null);
    }
  }, [apiFetch, sandboxId]);

  return { send, busy, problem, clearProblem: useCallback(() => setProblem(null), []) };
}
