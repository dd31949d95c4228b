import { describe, expect, it } from 'vitest';
import { DEMO_TENANTS, DEMO_USERS, ROLES, ZTenantSlug, findDemoUser } from './index';

describe('demo realm', () => {
  it('has one user per role in each tenant', () => {
    for (const tenant of DEMO_TENANTS) {
      const roles = DEMO_USERS.filter((u) => u.tenant === tenant.slug).flatMap((u) => u.roles);
      expect(roles.sort()).toEqual([...ROLES].sort());
    }
  });
  it('gives every user a unique subject and username', () => {
    expect(new Set(DEMO_USERS.map((u) => u.subject)).size).toBe(DEMO_USERS.length);
    expect(new Set(DEMO_USERS.map((u) => u.username)).size).toBe(DEMO_USERS.length);
  });
  it('uses valid tenant slugs and finds users by name', () => {
    for (const t of DEMO_TENANTS) expect(ZTenantSlug.safeParse(t.slug).success).toBe(true);
    expect(findDemoUser('operator')?.roles).toEqual(['operator']);
    expect(findDemoUser('globex-operator')?.tenant).toBe('globex-telecom');
    expect(findDemoUser('nobody')).toBeUndefined();
  });
});
