/**
 * Demo data: the contracts' DEMO_TENANTS, one UserProfile per DEMO_USER, a few audit events per
 * tenant, and the demo store (DEMO_APPS: each app with one published version, its AppD, a PackageBlob
 * row, downloads, ratings and a comment). Idempotent: tenants and profiles are upserted (a profile's
 * chosen locale and last-seen time are kept), audit events are only added to a tenant that has none,
 * and a demo app is only created when its tenant has no app with that slug (edits survive re-seeding).
 * The demo package files behind the blobs' digests do not exist on disk.
 */
import { createHash } from 'node:crypto';
import { DEMO_APPS, DEMO_TENANTS, DEMO_USERS, demoAppd, type DemoApp, type TRole } from '@mecport/contracts';
import type { DbClient } from './client';
import type { Prisma } from './generated/prisma/client';

export interface SeedResult {
  tenants: number;
  userProfiles: number;
  /** Audit events created by this run (0 when every tenant had some already). */
  auditEventsCreated: number;
  /** Demo store apps created by this run (0 when they all existed). */
  appsCreated: number;
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

  const appsCreated = await seedStore(prisma, tenantIds);
  return { tenants: tenantIds.size, userProfiles: profileIds.size, auditEventsCreated, appsCreated };
}

/** The digest a demo app's (non-existent) package file would have. */
export function demoPackageDigest(app: Pick<DemoApp, 'slug' | 'version'>): string {
  return createHash('sha256').update(`mecport-demo-package:${app.slug}:${app.version}`).digest('hex');
}

async function seedStore(prisma: DbClient, tenantIds: Map<string, string>): Promise<number> {
  let created = 0;
  const now = Date.now();
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`;
    for (const [index, demo] of DEMO_APPS.entries()) {
      const tenantId = tenantIds.get(demo.tenant);
      if (!tenantId) throw new Error(`Demo app ${demo.slug} names unknown tenant ${demo.tenant}`);
      if (await tx.app.findUnique({ where: { tenantId_slug: { tenantId, slug: demo.slug } } })) continue;
      const developer = DEMO_USERS.find((u) => u.tenant === demo.tenant && u.roles.includes('developer'));
      if (!developer) throw new Error(`Demo tenant ${demo.tenant} has no developer`);
      const publishedAt = new Date(now - (DEMO_APPS.length - index) * 3_600_000);
      const digest = demoPackageDigest(demo);
      const size = BigInt(40_000_000 + index * 7_340_033);
      const app = await tx.app.create({
        data: {
          tenantId, slug: demo.slug, name: demo.name, nameZh: demo.nameZh, provider: demo.provider, category: demo.category, industry: demo.industry, tags: demo.tags,
          descriptionEn: demo.descriptionEn, descriptionZh: demo.descriptionZh, createdBy: developer.subject, createdAt: new Date(publishedAt.getTime() - 86_400_000),
          downloadCount: demo.downloads, ratingCount: demo.stars.length, ratingSum: demo.stars.reduce((a, b) => a + b, 0),
        },
      });
      await tx.packageBlob.upsert({ where: { digest }, create: { digest, size }, update: {} });
      const version = await tx.appVersion.create({
        data: {
          appId: app.id, version: demo.version, packageDigest: digest, packageSize: size, appd: demoAppd(demo, digest) as Prisma.InputJsonObject, appdId: `mecport-demo-${demo.slug}`,
          architecture: demo.architecture, status: 'published', validationReport: { checks: [{ id: 'manifest.digest', status: 'pass', message: 'Every Source digest matches its file' }] },
          createdAt: new Date(publishedAt.getTime() - 3_600_000), certifiedAt: demo.certified ? new Date(publishedAt.getTime() - 1_800_000) : null, publishedAt,
        },
      });
      await tx.download.createMany({
        data: Array.from({ length: demo.downloads }, (_, i) => {
          const user = DEMO_USERS[i % DEMO_USERS.length]!;
          return { appVersionId: version.id, subject: user.subject, tenantId: tenantIds.get(user.tenant) as string, at: new Date(publishedAt.getTime() + (i + 1) * 60_000) };
        }),
      });
      await tx.rating.createMany({ data: demo.stars.map((stars, i) => ({ appId: app.id, subject: DEMO_USERS[i % DEMO_USERS.length]!.subject, stars })) });
      if (demo.stars.length > 0) {
        const author = DEMO_USERS[0]!;
        await tx.comment.create({ data: { appId: app.id, subject: author.subject, authorName: author.name, body: index % 2 ? 'Works well on our edge nodes.' : '部署很顺利，时延明显降低。' } });
      }
      created += 1;
    }
  }, { timeout: 60_000 });
  return created;
}
