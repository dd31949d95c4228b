/**
 * The edge map's filters (status, province, city, group, label selector, running app, name
 * search), applied in the browser to the nodes the map loaded once: 10,000 nodes filter in a few
 * milliseconds, with no round trip per keystroke. Kept in the page URL so links keep them.
 * Pure, so it is unit-tested.
 *
 * @example
 *   const f = mapFiltersFrom(new URLSearchParams('status=offline&label=tier%3Dgold'));
 *   filterNodes(nodes, f)   // the offline gold-tier nodes
 */
import { NODE_STATUSES, ZLabelKey, ZLabelValue, type TLabels, type TMapNode, type TNodeStatus } from '@mecport/contracts';

export interface TMapFilters {
  q: string;
  status: TNodeStatus | null;
  province: string | null;
  city: string | null;
  groupId: string | null;
  /** A label selector as typed: `tier=gold,site=campus` (every pair must match). */
  label: string;
  appId: string | null;
}

export const NO_FILTERS: TMapFilters = { q: '', status: null, province: null, city: null, groupId: null, label: '', appId: null };

const KEYS = ['q', 'status', 'province', 'city', 'groupId', 'label', 'appId'] as const;

export function mapFiltersFrom(params: URLSearchParams): TMapFilters {
  const status = params.get('status');
  const text = (k: string, max: number) => (params.get(k) ?? '').slice(0, max);
  const orNull = (v: string) => (v === '' ? null : v);
  return {
    q: text('q', 100),
    status: status && (NODE_STATUSES as readonly string[]).includes(status) ? (status as TNodeStatus) : null,
    province: orNull(text('province', 60)),
    city: orNull(text('city', 60)),
    groupId: orNull(text('groupId', 36)),
    label: text('label', 200),
    appId: orNull(text('appId', 36)),
  };
}

/** The filters as a query string (only those set), e.g. for router.replace. */
export function mapFiltersQuery(filters: TMapFilters): string {
  const params = new URLSearchParams();
  for (const k of KEYS) {
    const v = filters[k];
    if (v !== null && v !== '') params.set(k, v);
  }
  return params.toString();
}

export function activeFilterCount(filters: TMapFilters): number {
  return KEYS.filter((k) => filters[k] !== null && filters[k] !== '').length;
}

/** `tier=gold, site=campus` -> labels; null when any pair is not key=value (the field shows an error). */
export function parseSelector(text: string): TLabels | null {
  const labels: TLabels = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [key, value, extra] = part.split('=').map((s) => s.trim());
    if (extra !== undefined || value === undefined || !ZLabelKey.safeParse(key).success || !ZLabelValue.safeParse(value).success) return null;
    labels[key!] = value;
  }
  return labels;
}

export function filterNodes(nodes: readonly TMapNode[], filters: TMapFilters): TMapNode[] {
  const selector = parseSelector(filters.label) ?? {};
  const pairs = Object.entries(selector);
  const q = filters.q.trim().toLocaleLowerCase();
  return nodes.filter((n) =>
    (!filters.status || n.status === filters.status)
    && (!filters.province || n.province === filters.province)
    && (!filters.city || n.city === filters.city)
    && (!filters.groupId || n.groupId === filters.groupId)
    && (!filters.appId || n.appIds.includes(filters.appId))
    && pairs.every(([k, v]) => n.labels[k] === v)
    && (!q || n.name.toLocaleLowerCase().includes(q)));
}

export interface TFilterOptions {
  provinces: string[];
  /** Cities of the chosen province (all cities when none is chosen). */
  cities: string[];
  /** Every `key=value` pair some node has, for the label selector's suggestions. */
  labelPairs: string[];
  appIds: string[];
}

const sorted = (values: Iterable<string>) => [...new Set(values)].filter(Boolean).sort((a, b) => a.localeCompare(b));

export function filterOptions(nodes: readonly TMapNode[], province: string | null): TFilterOptions {
  return {
    provinces: sorted(nodes.map((n) => n.province)),
    cities: sorted(nodes.filter((n) => !province || n.province === province).map((n) => n.city)),
    labelPairs: sorted(nodes.flatMap((n) => Object.entries(n.labels).map(([k, v]) => `${k}=${v}`))),
    appIds: sorted(nodes.flatMap((n) => n.appIds)),
  };
}
