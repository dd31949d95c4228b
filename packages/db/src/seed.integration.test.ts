import { DEMO_TENANTS, DEMO_USERS } from '@mecport/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type DbClient } from './client';
import { seed } from './seed';
import { createThrowawayDatabase, type ThrowawayDatabase } from './testing/throwaway-database';

let db: ThrowawayDatabase;
let prisma: DbClient;

beforeAll(async () => {
  db = await createThrowawayDatabase(); // its own database: the counts below must be exact
  prisma = createPrismaClient(db.url, { maxConnections: 3 });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

const counts = async () => ({ tenants: await prisma.tenant.count(), users: await prisma.userProfile.count(), events: await prisma.auditEvent.count(), apps: await prisma.app.count() });

describe('seed()', () => {
  it('creates the demo realm and is idempotent', async () => {
    const first = await seed(prisma);
    expect(first).toEqual({ tenants: DEMO_TENANTS.length, userProfiles: DEMO_USERS.length, auditEventsCreated: 3 * DEMO_TENANTS.length });
    const after1 = await counts();
    // The demo store is not the seed's: @mecport/core/demo imports it (see its integration test).
    expect(after1).toEqual({ tenants: DEMO_TENANTS.length, users: DEMO_USERS.length, events: 3 * DEMO_TENANTS.length, apps: 0 });

    // A user's own choice survives re-seeding.
    const operator = DEMO_USERS.find((u) => u.username === 'operator')!;
    await prisma.userProfile.update({ where: { subject: operator.subject }, data: { locale: 'zh-CN' } });

    expect(await seed(prisma)).toMatchObject({ auditEventsCreated: 0 });
    expect(await counts()).toEqual(after1);
    expect((await prisma.userProfile.findUniqueOrThrow({ where: { subject: operator.subject } })).locale).toBe('zh-CN');

    for (const t of DEMO_TENANTS) {
      const tenant = await prisma.tenant.findUniqueOrThrow({ where: { slug: t.slug }, include: { users: true } });
      expect(tenant).toMatchObject({ name: t.name, nameZh: t.nameZh });
      expect(tenant.users.map((u) => u.subject).sort()).toEqual(DEMO_USERS.filter((u) => u.tenant === t.slug).map((u) => u.subject).sort());
    }
  });

  it('does not duplicate audit events when two seeds run at once', async () => {
    const before = await counts();
    await Promise.all([seed(prisma), seed(prisma)]);
    expect(await counts()).toEqual(before);
  });
});
