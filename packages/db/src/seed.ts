/**
 * Demo realm: the contracts' DEMO_TENANTS, one UserProfile per DEMO_USER and a few audit events per
 * tenant. Idempotent: tenants and profiles are upserted (a profile's chosen locale and last-seen time
 * are kept), and audit events are only added to a tenant that has none.
 * The demo store (apps, their packages, downloads, ratings) is domain data: `importDemoStore` in
 * `@mecport/core/demo` loads it through the upload and publish code, after this seed.
 */
import { DEMO_TENANTS, DEMO_USERS, type TRole } from '@mecport/contracts';
import type { DbClient } from './client';
import type { Prisma } from './generated/prisma/client';
import { seedEdgeNodes } from './seed-edge-nodes';

export interface SeedResult {
  tenants: number;
  userProfiles: number;
  /** Audit events created by this run (0 when every tenant had some already). */
  auditEventsCreated: number;
}

/** Arbitrary key for pg_advisory_xact_lock so concurrent seeds do not both add demo events. */
const SEED_LOCK_KEY = 61_734_201;

export async function seed(prisma: DbClient): Promise<SeedResult> {
  const tenantIds = new Map<string, string>();
  for (const t of DEMO_TENANTS) {
    const tenant = await prisma.tenant.upsert({
      where: { slug: t.slug },
      create: { slug: t.slug, name: t.name, nameZh: t.nameZh },
      update: { name: t.name, nameZh: t.nameZh },
    });
    tenantIds.set(t.slug, tenant.id);
  }

  const profileIds = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const tenantId = tenantIds.get(u.tenant);
    if (!tenantId) throw new Error(`Demo user ${u.username} names unknown tenant ${u.tenant}`);
    const profile = await prisma.userProfile.upsert({
      where: { subject: u.subject },
      create: { subject: u.subject, tenantId, username: u.username, displayName: u.name, email: u.email },
      update: { tenantId, username: u.username, displayName: u.name, email: u.email },
    });
    profileIds.set(u.subject, profile.id);
  }

  let auditEventsCreated = 0;
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`;
    for (const t of DEMO_TENANTS) {
      const tenantId = tenantIds.get(t.slug) as string;
      if ((await tx.auditEvent.count({ where: { tenantId } })) > 0) continue;
      const users = DEMO_USERS.filter((u) => u.tenant === t.slug);
      const byRole = (role: TRole) => users.find((u) => u.roles.includes(role));
      const admin = byRole('admin');
      const developer = byRole('developer');
      const operator = byRole('operator');
      if (!admin || !developer || !operator) continue;
      const base = Date.now() - 3 * 60 * 60 * 1000;
      const events: Prisma.AuditEventCreateManyInput[] = [
        {
          tenantId, actorSubject: admin.subject, actorName: admin.name, action: 'tenant.update', targetType: 'tenant', targetId: tenantId,
          data: { name: t.name, nameZh: t.nameZh }, createdAt: new Date(base),
        },
        {
          tenantId, actorSubject: developer.subject, actorName: developer.name, action: 'profile.preferences.update', targetType: 'user_profile',
          targetId: profileIds.get(developer.subject) ?? null, data: { locale: { from: 'zh-CN', to: 'en' } }, createdAt: new Date(base + 60 * 60 * 1000),
        },
        {
          tenantId, actorSubject: operator.subject, actorName: operator.name, action: 'profile.preferences.update', targetType: 'user_profile',
          targetId: profileIds.get(operator.subject) ?? null, data: { locale: { from: 'zh-CN', to: 'en' } }, createdAt: new Date(base + 2 * 60 * 60 * 1000),
        },
      ];
      const { count } = await tx.auditEvent.createMany({ data: events });
      auditEventsCreated += count;
    }
  });

  await seedEdgeNodes(prisma); // demo edge nodes of Acme Mobile (pending until an agent enrols one)
  return { tenants: tenantIds.size, userProfiles: profileIds.size, auditEventsCreated };
}
