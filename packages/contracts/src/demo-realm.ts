/**
 * The demo realm: two tenants and one user per role in each. The dev IdP serves these users,
 * the seed creates their tenants and profiles, `npm run token` and the tests log in as them.
 * Demo only: the shared password below is printed by `npm start` and is never used in production,
 * where Keycloak owns users and credentials.
 */
import type { TRole } from './identity';
import { ROLES } from './identity';

export const DEMO_PASSWORD = 'mecport-demo';

export interface DemoTenant { slug: string; name: string; nameZh: string }
export interface DemoUser { subject: string; username: string; name: string; email: string; tenant: string; roles: TRole[] }

export const DEMO_TENANTS: readonly DemoTenant[] = [
  { slug: 'acme-mobile', name: 'Acme Mobile', nameZh: '艾克米移动' },
  { slug: 'globex-telecom', name: 'Globex Telecom', nameZh: '环球电信' },
];

const displayName: Record<TRole, string> = {
  developer: 'Dana Developer', tester: 'Tian Tester', operator: 'Olga Operator', 'store-admin': 'Sam Store-Admin', admin: 'Ada Admin',
};

/** Stable UUID-shaped subjects, as Keycloak issues, so seeds and tokens agree across restarts. */
function subjectOf(tenantIndex: number, roleIndex: number): string {
  return `00000000-0000-4000-8000-${String(tenantIndex + 1).padStart(6, '0')}${String(roleIndex + 1).padStart(6, '0')}`;
}

/** Users of the first tenant are named after their role (`operator`); the second tenant's carry a `globex-` prefix. */
export const DEMO_USERS: readonly DemoUser[] = DEMO_TENANTS.flatMap((tenant, t) =>
  ROLES.map((role, r) => {
    const username = t === 0 ? role : `globex-${role}`;
    return { subject: subjectOf(t, r), username, name: t === 0 ? displayName[role] : `${displayName[role]} (Globex)`, email: `${username}@${tenant.slug}.example`, tenant: tenant.slug, roles: [role] };
  }),
);

export function findDemoUser(username: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.username === username);
}
