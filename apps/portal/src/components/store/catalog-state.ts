/**
 * The catalog page's filter state, kept in the page URL (`/store?q=视频&category=iot&sort=rating`)
 * so that links and reloads keep it. Pure, so it is unit-tested.
 *
 * @example
 *   const state = catalogStateFrom(new URLSearchParams('q=AR&certified=1'));
 *   catalogApiPath(state, null)  // '/api/v1/store/apps?q=AR&certifiedOnly=true&limit=9'
 */
import { APP_CATEGORIES, ARCHITECTURES, CATALOG_SORTS, type TAppCategory, type TArchitecture, type TCatalogSort } from '@mecport/contracts';

/** Three rows of three cards. */
export const CATALOG_PAGE_SIZE = 9;

export interface TCatalogState {
  q: string;
  category: TAppCategory | null;
  architecture: TArchitecture | null;
  provider: string;
  certifiedOnly: boolean;
  /** `null`: the server's default (relevance when searching, else newest). */
  sort: TCatalogSort | null;
}

export const EMPTY_CATALOG_STATE: TCatalogState = { q: '', category: null, architecture: null, provider: '', certifiedOnly: false, sort: null };

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | null => (v !== null && (values as readonly string[]).includes(v) ? (v as T) : null);

export function catalogStateFrom(params: URLSearchParams): TCatalogState {
  const sort = oneOf(CATALOG_SORTS, params.get('sort'));
  const q = (params.get('q') ?? '').slice(0, 100);
  return {
    q,
    category: oneOf(APP_CATEGORIES, params.get('category')),
    architecture: oneOf(ARCHITECTURES, params.get('architecture')),
    provider: (params.get('provider') ?? '').slice(0, 120),
    certifiedOnly: params.get('certified') === '1',
    // "relevance" only means something with search words
    sort: sort === 'relevance' && !q.trim() ? null : sort,
  };
}

/** The page's own query string (without `?`), stable in key order; empty for the default state. */
export function catalogSearch(state: TCatalogState): string {
  const p = new URLSearchParams();
  if (state.q.trim()) p.set('q', state.q.trim());
  if (state.category) p.set('category', state.category);
  if (state.architecture) p.set('architecture', state.architecture);
  if (state.provider.trim()) p.set('provider', state.provider.trim());
  if (state.certifiedOnly) p.set('certified', '1');
  if (state.sort && !(state.sort === 'relevance' && !state.q.trim())) p.set('sort', state.sort);
  return p.toString();
}

/** The API request for one page of the catalog in this state. */
export function catalogApiPath(state: TCatalogState, cursor: string | null, limit = CATALOG_PAGE_SIZE): string {
  const p = new URLSearchParams();
  if (state.q.trim()) p.set('q', state.q.trim());
  if (state.category) p.set('category', state.category);
  if (state.architecture) p.set('architecture', state.architecture);
  if (state.provider.trim()) p.set('provider', state.provider.trim());
  if (state.certifiedOnly) p.set('certifiedOnly', 'true');
  if (state.sort && !(state.sort === 'relevance' && !state.q.trim())) p.set('sort', state.sort);
  p.set('limit', String(limit));
  if (cursor) p.set('cursor', cursor);
  return `/api/v1/store/apps?${p}`;
}

/** The sort the catalog actually applies: the chosen one, else the server's default. */
export function effectiveSort(state: TCatalogState): TCatalogSort {
  return state.sort ?? (state.q.trim() ? 'relevance' : 'newest');
}
