'use client';
/**
 * One JSON resource of the API, read with the signed-in user's token, optionally re-read every
 * `pollMs` for as long as `keepPolling(data)` says so (a running deployment, a live log tail).
 * A failed poll keeps the last good data beside the problem and tries again on the next tick.
 * Unlike useApiJson (the edge map's), it reads with `cache: 'no-store'` and stops polling on a 4xx.
 *
 * @example
 *   const { data, problem, reload } = useApiResource<TDeploymentDetail>(`/api/v1/edge/deployments/${id}`, {
 *     pollMs: 2000, keepPolling: (d) => isDeploymentActive(d.status),
 *   });
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';

export interface TResourceOptions<T> {
  pollMs?: number;
  keepPolling?: (data: T) => boolean;
}

export interface TResource<T> {
  data: T | null;
  /** The path `data` was read from (it lags behind `path` while a new path loads). */
  loadedPath: string | null;
  problem: TApiProblem | null;
  /** Reads it again now (and restarts polling when it had stopped). */
  reload: () => void;
  /** Replaces the data with an answer the caller already has (e.g. the body of a POST). */
  setData: (data: T) => void;
}

export function useApiResource<T>(path: string | null, options: TResourceOptions<T> = {}): TResource<T> {
  const { apiFetch } = useAuth();
  const [loaded, setLoaded] = useState<{ data: T | null; path: string | null }>({ data: null, path: null });
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const [generation, setGeneration] = useState(0);
  // Held in refs so a new options object on each render does not restart the loop.
  const keepPolling = useRef(options.keepPolling);
  useEffect(() => { keepPolling.current = options.keepPolling; });
  const pollMs = options.pollMs;

  useEffect(() => {
    setProblem(null);
    if (!path) return;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      let next: T | null = null;
      let transient = false;
      try {
        const res = await apiFetch(path, { signal: abort.signal, cache: 'no-store' });
        if (abort.signal.aborted) return;
        if (res.ok) {
          next = (await res.json()) as T;
          setLoaded({ data: next, path });
          setProblem(null);
        } else {
          const p = await readProblem(res);
          setProblem(p);
          transient = p.status >= 500 || p.status === 429;
        }
      } catch (e) {
        if (abort.signal.aborted) return;
        setProblem(networkProblem(e));
        transient = true;
      }
      // A 4xx (gone, forbidden) will not heal by asking again; an outage or a dropped network may.
      const again = pollMs !== undefined && (next === null ? transient : (keepPolling.current?.(next) ?? true));
      if (again && !abort.signal.aborted) timer = setTimeout(() => void tick(), pollMs);
    };
    void tick();
    return () => { abort.abort(); clearTimeout(timer); };
  }, [apiFetch, path, pollMs, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const setData = useCallback((data: T) => setLoaded({ data, path }), [path]);
  return { data: loaded.data, loadedPath: loaded.path, problem, reload, setData };
}
