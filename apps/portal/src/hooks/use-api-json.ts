'use client';
/**
 * One JSON resource of the API read with the signed-in user's token, re-read every `pollMs`
 * (when given) and on `reload()`. A failed re-read keeps the last good data beside the problem.
 *
 * Close to useApiResource (edge deploy's), but it revalidates with `cache: 'no-cache'` (the map
 * query answers 304 to its ETag), reports `loading`, and keeps polling after any failure. Merging
 * the two means choosing one behaviour for both areas' pages: not done yet.
 *
 * @example
 *   const { data, problem, reload } = useApiJson<TNodeDetail>(`/api/v1/edge/nodes/${id}`, { pollMs: 10_000 });
 */
import { useCallback, useEffect, useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';

export interface TApiJson<T> {
  data: T | null;
  /** The path `data` belongs to (lags behind `path` while a new one loads). */
  loadedPath: string | null;
  problem: TApiProblem | null;
  loading: boolean;
  reload: () => void;
}

export function useApiJson<T>(path: string | null, options: { pollMs?: number } = {}): TApiJson<T> {
  const { apiFetch } = useAuth();
  const [state, setState] = useState<{ data: T | null; loadedPath: string | null; problem: TApiProblem | null; loading: boolean }>({ data: null, loadedPath: null, problem: null, loading: !!path });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const { pollMs } = options;

  useEffect(() => {
    if (!path) return;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      setState((s) => ({ ...s, loading: true }));
      try {
        // 'no-cache' revalidates every time; 'no-store' would also send Cache-Control: no-cache, which makes the map query rebuild its answer.
        const res = await apiFetch(path, { signal: abort.signal, cache: 'no-cache' });
        if (abort.signal.aborted) return;
        if (res.ok) {
          const data = (await res.json()) as T;
          if (!abort.signal.aborted) setState({ data, loadedPath: path, problem: null, loading: false });
        } else {
          const problem = await readProblem(res);
          setState((s) => ({ ...s, problem, loading: false }));
        }
      } catch (e) {
        if (abort.signal.aborted) return;
        setState((s) => ({ ...s, problem: networkProblem(e), loading: false }));
      }
      if (pollMs && !abort.signal.aborted) timer = setTimeout(() => void read(), pollMs);
    };
    void read();
    return () => { abort.abort(); if (timer) clearTimeout(timer); };
  }, [apiFetch, path, pollMs, generation]);

  return { ...state, reload };
}
