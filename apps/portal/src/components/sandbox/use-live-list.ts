'use client';
/**
 * A paged list of a sandbox (calls, logs, events) that re-reads its first page every `everyMs`
 * while `live` and while only the first page is shown: "live-ish" without losing the pages a
 * reader has loaded (a re-read of the first page would drop them).
 */
import { useEffect } from 'react';
import { usePagedList, type TPagedList } from '@/hooks/use-paged-list';

export function useLiveList<T>(path: string, pageSize: number, live: boolean, everyMs = 3000): TPagedList<T> {
  const list = usePagedList<T>(path, { init: { cache: 'no-store' }, clearOnPathChange: true });
  const { items, reload, loading } = list;
  const firstPageOnly = items !== null && items.length <= pageSize;
  useEffect(() => {
    if (!live || !firstPageOnly || loading) return;
    const timer = setTimeout(() => reload(), everyMs);
    return () => clearTimeout(timer);
  }, [live, firstPageOnly, loading, reload, everyMs, items]);
  return list;
}
