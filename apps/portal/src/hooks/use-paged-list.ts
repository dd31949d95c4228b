'use client';
/**
 * A "load more" list read from the API: the first page on mount and whenever `path` changes,
 * the next page on `loadMore()`. Only the latest request may change the list (an older answer,
 * e.g. of a filter already replaced, is dropped and its request aborted).
 *
 * @example
 *   const alarms = usePagedList<TAlarm>(`/api/v1/edge/alarms?state=${filter}&limit=20`, { init: { cache: 'no-store' }, clearOnPathChange: true });
 *   alarms.items?.map(...);  {alarms.nextCursor && <Button onClick={alarms.loadMore}>More</Button>}
 */
import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';
import { mergePage, pagePath, type TPage } from './paged-list';

export interface TPagedListOptions<T> {
  /** How to send the request; by default with the signed-in user's token. Public lists pass `fetch`. */
  fetch?: (path: string, init?: RequestInit) => Promise<Response>;
  /** Request options for every page (cache mode, headers). */
  init?: RequestInit;
  /** Show the loading state (items `null`) again when `path` changes, as for a new filter. */
  clearOnPathChange?: boolean;
  /** Leaves out items of a later page that are already listed (see `mergePage`). */
  keyOf?: (item: T) => string;
}

export interface TPagedList<T> {
  /** `null` until the first page arrived (and again while a cleared list reloads). */
  items: T[] | null;
  nextCursor: string | null;
  problem: TApiProblem | null;
  /** A page is being read (the first or a later one). */
  loading: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  /** Reads the first page again; `clear` shows the loading state meanwhile. */
  reload: (options?: { clear?: boolean }) => void;
  /** Changes the list in place after an action (a row removed, changed or added). */
  setItems: Dispatch<SetStateAction<T[] | null>>;
}

export function usePagedList<T>(path: string | null, options: TPagedListOptions<T> = {}): TPagedList<T> {
  const { apiFetch } = useAuth();
  const [items, setItems] = useState<T[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const [reading, setReading] = useState<'first' | 'more' | null>(null);
  // Held in refs so that a new options object on each render does not reload the list.
  const latest = useRef(options);
  useEffect(() => { latest.current = options; });
  const current = useRef<AbortController | null>(null);

  const load = useCallback(async (cursor: string | null, clear: boolean) => {
    if (!path) return;
    current.current?.abort();
    const abort = new AbortController();
    current.current = abort;
    if (clear) { setItems(null); setNextCursor(null); }
    setProblem(null);
    setReading(cursor ? 'more' : 'first');
    const { fetch: send = apiFetch, init, keyOf } = latest.current;
    try {
      const res = await send(pagePath(path, cursor), { ...init, signal: abort.signal });
      if (abort.signal.aborted) return;
      if (!res.ok) {
        const p = await readProblem(res);
        if (!abort.signal.aborted) setProblem(p);
        return;
      }
      const page = (await res.json()) as TPage<T>;
      if (abort.signal.aborted) return;
      setItems((previous) => mergePage(previous, page, cursor, keyOf));
      setNextCursor(page.nextCursor);
    } catch (e) {
      if (!abort.signal.aborted) setProblem(networkProblem(e));
    } finally {
      if (current.current === abort) { setReading(null); current.current = null; }
    }
  }, [apiFetch, path]);

  useEffect(() => {
    void load(null, latest.current.clearOnPathChange ?? false);
    return () => current.current?.abort();
  }, [load]);

  const loadMore = useCallback(() => { if (nextCursor) void load(nextCursor, false); }, [load, nextCursor]);
  const reload = useCallback((opts: { clear?: boolean } = {}) => { void load(null, opts.clear ?? false); }, [load]);
  return { items, nextCursor, problem, loading: reading !== null, loadingMore: reading === 'more', loadMore, reload, setItems };
}
