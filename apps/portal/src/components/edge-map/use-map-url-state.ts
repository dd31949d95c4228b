'use client';
/**
 * The map's filters and open node: React state (so quick successive changes build on each
 * other, never on a URL that has not caught up yet), mirrored into the query string so links
 * and reloads keep them, and taken back from it when the URL changes from outside (a link).
 *
 * @example
 *   const { filters, openId, change, open } = useMapUrlState();
 *   change({ status: 'offline' });   // state now, `?status=offline` right after
 */
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { mapFiltersFrom, mapFiltersQuery, NO_FILTERS, type TMapFilters } from './map-filters';

interface TMapUrlState { filters: TMapFilters; openId: string | null }

function stateOf(query: string): TMapUrlState {
  const params = new URLSearchParams(query);
  return { filters: mapFiltersFrom(params), openId: params.get('node') };
}

function queryOf(state: TMapUrlState): string {
  const params = new URLSearchParams(mapFiltersQuery(state.filters));
  if (state.openId) params.set('node', state.openId);
  return params.toString();
}

export function useMapUrlState() {
  const router = useRouter();
  const pathname = usePathname();
  const query = useSearchParams().toString();
  const [state, setState] = useState<TMapUrlState>(() => stateOf(query));
  const written = useRef(queryOf(state));

  // Someone else changed the URL (a link to ?node=…): follow it.
  useEffect(() => {
    if (query !== written.current) {
      written.current = query;
      setState(stateOf(query));
    }
  }, [query]);

  useEffect(() => {
    const next = queryOf(state);
    if (next === written.current) return;
    written.current = next;
    router.replace(next ? `${pathname}?${next}` : pathname, { scroll: false });
  }, [state, router, pathname]);

  const change = useCallback((patch: Partial<TMapFilters>) => setState((s) => ({ ...s, filters: { ...s.filters, ...patch } })), []);
  const clear = useCallback(() => setState((s) => ({ ...s, filters: NO_FILTERS })), []);
  const open = useCallback((openId: string | null) => setState((s) => ({ ...s, openId })), []);
  return { filters: state.filters, openId: state.openId, change, clear, open };
}
