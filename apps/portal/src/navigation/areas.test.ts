import { ROLES, type TRole } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import { AREAS, areaAccess, areaById, areaForPath, visibleAreas } from './areas';

const hrefs = (roles: TRole[] | null) => visibleAreas(roles === null ? null : { roles }).map((a) => a.href);

describe('visibleAreas', () => {
  it('offers anonymous visitors the store and the API reference only', () => {
    expect(hrefs(null)).toEqual(['/store', '/api-docs']);
  });
  it('offers a signed-in user without roles the same public areas', () => {
    expect(hrefs([])).toEqual(['/store', '/api-docs']);
  });
  it('filters by role as the issue specifies', () => {
    expect(hrefs(['developer'])).toEqual(['/store', '/developer', '/sandboxes', '/capabilities', '/api-docs']);
    expect(hrefs(['tester'])).toEqual(['/store', '/certification', '/api-docs']);
    expect(hrefs(['operator'])).toEqual(['/store', '/edge-map', '/api-docs']);
    expect(hrefs(['store-admin'])).toEqual(['/store', '/certification', '/capabilities', '/federation', '/api-docs']);
  });
  it('offers an admin everything, in navbar order', () => {
    expect(hrefs(['admin'])).toEqual(AREAS.map((a) => a.href));
  });
  it('unions the areas of several roles', () => {
    expect(hrefs(['tester', 'operator'])).toEqual(['/store', '/certification', '/edge-map', '/api-docs']);
  });
  it('gives every role at least one non-public area', () => {
    for (const role of ROLES) expect(hrefs([role]).length).toBeGreaterThan(2);
  });
});

describe('areaAccess', () => {
  it('asks anonymous visitors to sign in for non-public areas', () => {
    expect(areaAccess(areaById('admin'), null)).toEqual({ kind: 'sign-in' });
    expect(areaAccess(areaById('store'), null)).toEqual({ kind: 'allowed' });
  });
  it('names the roles an area needs when access is refused', () => {
    expect(areaAccess(areaById('edgeMap'), { roles: ['developer'] })).toEqual({ kind: 'forbidden', needs: ['operator', 'admin'] });
    expect(areaAccess(areaById('edgeMap'), { roles: ['operator'] })).toEqual({ kind: 'allowed' });
  });
});

describe('areaForPath', () => {
  it('matches the area and its sub-pages, not look-alike prefixes', () => {
    expect(areaForPath('/edge-map')?.id).toBe('edgeMap');
    expect(areaForPath('/edge-map/sites/1')?.id).toBe('edgeMap');
    expect(areaForPath('/storefront')).toBeUndefined();
    expect(areaForPath('/')).toBeUndefined();
  });
});
