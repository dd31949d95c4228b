/**
 * The call log's filters (API, direction, method, status class, URL text) as the query of
 * `GET /api/v1/sandboxes/{id}/calls`, and the status class a recorded call falls in. Pure.
 *
 * @example
 *   callsPath('5f0c…', { ...NO_CALL_FILTERS, api: 'location', status: '2xx' }, 50)
 *   // '/api/v1/sandboxes/5f0c…/calls?limit=50&api=location&status=2xx'
 *   statusClassOf(0)    // 'error' (no answer came)
 */
import type { TSandboxCallQuery } from '@mecport/contracts/sandbox';

export type TStatusClass = NonNullable<TSandboxCallQuery['status']>;
export const STATUS_CLASSES: readonly TStatusClass[] = ['2xx', '3xx', '4xx', '5xx', 'error'];
export const CALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export interface TCallFilters {
  api: TSandboxCallQuery['api'] | null;
  direction: TSandboxCallQuery['direction'] | null;
  method: string | null;
  status: TStatusClass | null;
  /** Substring of the URL; blank means no filter. */
  q: string;
}

export const NO_CALL_FILTERS: TCallFilters = { api: null, direction: null, method: null, status: null, q: '' };

export function callsPath(sandboxId: string, filters: TCallFilters, limit: number): string {
  const p = new URLSearchParams({ limit: String(limit) });
  if (filters.api) p.set('api', filters.api);
  if (filters.direction) p.set('direction', filters.direction);
  if (filters.method) p.set('method', filters.method);
  if (filters.status) p.set('status', filters.status);
  const q = filters.q.trim();
  if (q) p.set('q', q.slice(0, 200));
  return `/api/v1/sandboxes/${encodeURIComponent(sandboxId)}/calls?${p}`;
}

/** How many filters are set (the "clear filters" button shows only when some are). */
export function activeFilterCount(filters: TCallFilters): number {
  return [filters.api, filters.direction, filters.method, filters.status, filters.q.trim() || null].filter((v) => v !== null).length;
}

/** 0 (no answer: the callback was unreachable) and anything outside 200-599 are errors. */
export function statusClassOf(status: number): TStatusClass {
  if (status >= 200 && status < 300) return '2xx';
  if (status >= 300 && status < 400) return '3xx';
  if (status >= 400 && status < 500) return '4xx';
  if (status >= 500 && status < 600) return '5xx';
  return 'error';
}

export const STATUS_CLASS_COLORS: Record<TStatusClass, string> = { '2xx': 'green', '3xx': 'blue', '4xx': 'orange', '5xx': 'red', error: 'red' };
