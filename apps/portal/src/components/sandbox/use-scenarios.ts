'use client';
/** The scenarios a sandbox can run (`GET /api/v1/sandbox-scenarios`), all of them (a handful), with a lookup by id. */
import type { TScenarioSummary } from '@mecport/contracts/sandbox';
import { useMemo } from 'react';
import { usePagedList } from '@/hooks/use-paged-list';

export function useScenarios() {
  const list = usePagedList<TScenarioSummary>('/api/v1/sandbox-scenarios?limit=100');
  const byId = useMemo(() => new Map((list.items ?? []).map((s) => [s.id, s])), [list.items]);
  return { ...list, byId };
}
