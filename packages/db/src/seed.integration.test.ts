import { DEMO_APPS, DEMO_TENANTS, DEMO_USERS } from '@mecport/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type DbClient } from './client';
import { demoPackageDigest, seed } from './seed';
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

const counts = async () => ({
  tenants: await prisma.tenant.count(), users: await prisma.userProfile.count(), events: await prisma.auditEvent.count(),
  apps: await prisma.app.count(), versions: await prisma.appVersion.count(), blobs: await prisma.packageBlob.count(), downloads: await prisma.download.count(), ratings: await prisma.rating.count(),
});
const demoDownloads = DEMO_APPS.reduce((sum, a) => sum + a.downloads, 0);
const demoRatings = DEMO_APPS.reduce((sum, a) => sum + a.stars.length, 0);

describe('seed()', () => {
  it('creates the demo realm and is idempotent', async () => {
    const first = await seed(prisma);
    expect(first).toEqual({ tenants: DEMO_TENANTS.length, userProfiles: DEMO_USERS.length, auditEventsCreated: 3 * DEMO_TENANTS.length, appsCreated: DEMO_APPS.length });
    const after1 = await counts();
    expect(after1).toEqual({
      tenants: DEMO_TENANTS.length, users: DEMO_USERS.length, events: 3 * DEMO_TENANTS.length,
      apps: DEMO_APPS.length, versions: DEMO_APPS.length, blobs: DEMO_APPS.length, downloads: demoDownloads, ratings: demoRatings,
    });

    // A user's own choice survives re-seeding.
    const operator = DEMO_USERS.find((u) => u.username === 'operator')!;
    await prisma.userProfile.update({ where: { subject: operator.subject }, data: { locale: 'zh-CN' } });

    // A developer's edit of a demo app survives re-seeding too.
    const edited = await prisma.app.update({ where: { tenantId_slug: { tenantId: (await prisma.tenant.findUniqueOrThrow({ where: { slug: DEMO_APPS[0]!.tenant } })).id, slug: DEMO_APPS[0]!.slug } }, data: { name: 'Renamed' } });

    expect(await seed(prisma)).toMatchObject({ auditEventsCreated: 0, appsCreated: 0 });
    expect((await prisma.app.findUniqueOrThrow({ where: { id: edited.id } })).name).toBe('Renamed');
    expect(await counts()).toEqual(after1);
    expect((await prisma.userProfile.findUniqueOrThrow({ where: { subject: operator.subject } })).locale).toBe('zh-CN');

    for (const t of DEMO_TENANTS) {
      const tenant = await prisma.tenant.findUniqueOrThrow({ where: { slug: t.slug }, include: { users: true } });
      expect(tenant).toMatchObject({ name: t.name, nameZh: t.nameZh });
      expect(tenant.users.map((u) => u.subject).sort()).toEqual(DEMO_USERS.filter((u) => u.tenant === t.slug).map((u) => u.subject).sort());
    }
  });

  it('publishes every demo app with its AppD, blob, counters and a Chinese-searchable listing', async () => {
    for (const demo of DEMO_APPS) {
      const app = await prisma.app.findFirstOrThrow({ where: { slug: demo.slug, tenant: { slug: demo.tenant } }, include: { versions: { include: { blob: true } }, ratings: true } });
      expect(app.versions).toHaveLength(1);
      const [version] = app.versions;
      expect(version).toMatchObject({ status: 'published', version: demo.version, packageDigest: demoPackageDigest(demo), architecture: demo.architecture, appdId: `mecport-demo-${demo.slug}` });
      expect(version!.blob.size).toBe(version!.packageSize);
      expect(version!.appd).toMatchObject({ appDId: `mecport-demo-${demo.slug}`, appName: demo.name, appSoftVersion: demo.version, mecVersion: ['2.1.1'] });
      expect(Boolean(version!.certifiedAt)).toBe(demo.certified);
      expect(app).toMatchObject({ downloadCount: demo.downloads, ratingCount: demo.stars.length, ratingSum: demo.stars.reduce((a, b) => a + b, 0) });
    }
    const search = async (pattern: string) => (await prisma.$queryRaw<{ slug: string }[]>`SELECT "slug" FROM "app" WHERE "search_text" ILIKE ${pattern} ORDER BY "slug"`).map((r) => r.slug);
    expect(await search('%质检%')).toEqual(['smart-factory-inspection']);
    expect(await search('%视频%')).toContain('edge-video-analytics');
    expect(await search('%video%')).toEqual(expect.arrayContaining(['crowd-density-monitor', 'edge-cdn-cache', 'edge-video-analytics']));
  });

  it('does not duplicate audit events when two seeds run at once', async () => {
    const before = await counts();
    await Promise.all([seed(prisma), seed(prisma)]);
    expect(await counts()).toEqual(before);
  });
});
