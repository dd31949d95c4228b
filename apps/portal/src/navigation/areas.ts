/**
 * The portal's areas and who may use them: the single source for the navbar, the home page's
 * links and the area pages' access check. Pure (no React), so it is unit-tested.
 *
 * The server enforces roles on every API call; this only decides what the UI offers.
 *
 * @example
 *   visibleAreas(null).map((a) => a.href)                      // ['/store', '/api-docs']
 *   areaAccess(areaById('edgeMap'), { roles: ['developer'] })  // { kind: 'forbidden', needs: ['operator', 'admin'] }
 */
import type { TRole } from '@mecport/contracts';

export type TAreaId = 'store' | 'developer' | 'sandbox' | 'certification' | 'capabilities' | 'edgeMap' | 'federation' | 'admin' | 'apiDocs';

export interface TArea {
  id: TAreaId;
  href: `/${string}`;
  /** `'everyone'`: also anonymous visitors; otherwise a signed-in user needs at least one of these roles. */
  roles: 'everyone' | readonly TRole[];
}

/** Who is looking: `null` for an anonymous visitor. */
export type TViewer = { roles: readonly TRole[] } | null;

export type TAreaAccess = { kind: 'allowed' } | { kind: 'sign-in' } | { kind: 'forbidden'; needs: readonly TRole[] };

/** In navbar order. */
export const AREAS: readonly TArea[] = [
  { id: 'store', href: '/store', roles: 'everyone' },
  { id: 'developer', href: '/developer', roles: ['developer', 'admin'] },
  { id: 'sandbox', href: '/sandboxes', roles: ['developer', 'admin'] },
  { id: 'certification', href: '/certification', roles: ['tester', 'store-admin', 'admin'] },
  { id: 'capabilities', href: '/capabilities', roles: ['store-admin', 'admin', 'developer'] },
  { id: 'edgeMap', href: '/edge-map', roles: ['operator', 'admin'] },
  { id: 'federation', href: '/federation', roles: ['store-admin', 'admin'] },
  { id: 'admin', href: '/admin', roles: ['admin'] },
  { id: 'apiDocs', href: '/api-docs', roles: 'everyone' },
];

export function areaById(id: TAreaId): TArea {
  const area = AREAS.find((a) => a.id === id);
  if (!area) throw new Error(`unknown area ${id}`);
  return area;
}

/** What this viewer may do with this area: use it, sign in first, or nothing (with the roles it needs). */
export function areaAccess(area: TArea, viewer: TViewer): TAreaAccess {
  if (area.roles === 'everyone') return { kind: 'allowed' };
  if (viewer === null) return { kind: 'sign-in' };
  return area.roles.some((r) => viewer.roles.includes(r)) ? { kind: 'allowed' } : { kind: 'forbidden', needs: area.roles };
}

/** The areas to offer this viewer, in navbar order. */
export function visibleAreas(viewer: TViewer): TArea[] {
  return AREAS.filter((a) => areaAccess(a, viewer).kind === 'allowed');
}

/** The area a pathname belongs to (`/edge-map/site/1` -> edge map), for marking the active link. */
export function areaForPath(pathname: string): TArea | undefined {
  return AREAS.find((a) => pathname === a.href || pathname.startsWith(`${a.href}/`));
}
