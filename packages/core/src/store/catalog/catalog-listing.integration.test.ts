/**
 * The catalog listing on the app row (latest published version, architectures, certified) stays
 * what the published versions say through every path that changes them: publish, deprecate,
 * delete, concurrent publishes, and writes that bypass the core services (the demo import, the
 * bench seeder, a hand-written UPDATE). Downloads and ratings show in the catalog.
 */
import { randomUUID } from 'node:crypto';
import { ZCatalogQuery, type TCatalogQueryInput } from '@mecport/contracts';
import { getPrisma } from '@mecport/db';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '../../identity';
import { queryCatalog } from './catalog';
import { deleteVersion } from '../apps/delete-version';
import { deprecateVersion } from '../apps/deprecate-version';
import { publishVersion } from '../apps/publish-version';
import { putRating } from './ratings';
import { recordDownload } from './record-download';
import { freshDeveloper, newApp, newVersion, randomDigest } from '../../testing/store-fixtures';

const prisma = getPrisma();
const provider = `Listing Provider ${randomUUID().slice(0, 8)}`;
const catalog = (query: TCatalogQueryInput = {}) => queryCatalog(prisma, ZCatalogQuery.parse({ provider, limit: 50, ...query }));

let dev: TActor;
beforeAll(async () => {
  dev = await freshDeveloper(prisma);
});

/** The listing columns as stored. */
async function stored(appId: string) {
  const app = await prisma.app.findUniqueOrThrow({ where: { id: appId } });
  return {
    latestVersionId: app.latestVersionId, latestVersion: app.latestVersion, latestArchitecture: app.latestArchitecture, latestPublishedAt: app.latestPublishedAt,
    latestCertified: app.latestCertified, publishedArchitectures: app.publishedArchitectures, certified: app.certified,
  };
}

/** The listing recomputed here from the versions, independently of the database function. */
async function expected(appId: string) {
  const published = await prisma.appVersion.findMany({ where: { appId, status: 'published' }, orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }] });
  const latest = published[0];
  return {
    latestVersionId: latest?.id ?? null, latestVersion: latest?.version ?? null, latestArchitecture: latest?.architecture ?? null, latestPublishedAt: latest?.publishedAt ?? null,
    latestCertified: Boolean(latest?.certifiedAt), publishedArchitectures: [...new Set(published.map((v) => v.architecture))].sort(), certified: published.some((v) => v.certifiedAt),
  };
}

async function expectListingTrue(appId: string) {
  expect(await stored(appId)).toEqual(await expected(appId));
}

describe('the catalog listing on the app row', () => {
  it('follows publish, certification, deprecate and delete, and the catalog shows it', async () => {
    const app = await newApp(prisma, dev, { provider, name: 'Listing Lifecycle' });
    const v1 = await newVersion(prisma, dev, app.id, { version: '1.0.0', architecture: 'x86_64' });
    expect(await stored(app.id)).toMatchObject({ latestVersionId: null, publishedArchitectures: [], certified: false });
    expect((await catalog()).items.map((i) => i.id)).not.toContain(app.id);

    await publishVersion(prisma, dev, app.id, v1.id);
    expect(await stored(app.id)).toMatchObject({ latestVersionId: v1.id, latestVersion: '1.0.0', latestArchitecture: 'x86_64', publishedArchitectures: ['x86_64'], certified: false });
    await expectListingTrue(app.id);

    const v2 = await newVersion(prisma, dev, app.id, { version: '2.0.0', architecture: 'aarch64' });
    await prisma.appVersion.update({ where: { id: v2.id }, data: { status: 'certified', certifiedAt: new Date() } });
    await expectListingTrue(app.id); // certifying an unpublished version changes nothing the store shows
    expect((await stored(app.id)).certified).toBe(false);
    await publishVersion(prisma, dev, app.id, v2.id);
    expect(await stored(app.id)).toMatchObject({ latestVersionId: v2.id, latestCertified: true, publishedArchitectures: ['aarch64', 'x86_64'], certified: true });
    await expectListingTrue(app.id);
    const [item] = (await catalog({ q: 'listing lifecycle' })).items;
    expect(item).toMatchObject({ id: app.id, latestVersion: { id: v2.id, version: '2.0.0', architecture: 'aarch64', certified: true }, architectures: ['aarch64', 'x86_64'], certified: true });

    const v3 = await newVersion(prisma, dev, app.id, { version: '3.0.0' });
    await deleteVersion(prisma, dev, app.id, v3.id);
    expect((await stored(app.id)).latestVersionId).toBe(v2.id);

    await deprecateVersion(prisma, dev, app.id, v2.id);
    expect(await stored(app.id)).toMatchObject({ latestVersionId: v1.id, publishedArchitectures: ['x86_64'], certified: false, latestCertified: false });
    await expectListingTrue(app.id);
    expect((await catalog({ architecture: 'aarch64' })).items.map((i) => i.id)).not.toContain(app.id);

    await deprecateVersion(prisma, dev, app.id, v1.id);
    expect(await stored(app.id)).toMatchObject({ latestVersionId: null, latestVersion: null, latestPublishedAt: null, publishedArchitectures: [], certified: false });
    expect((await catalog()).items.map((i) => i.id)).not.toContain(app.id);
  });

  it('stays true when versions of one app are published concurrently', async () => {
    const app = await newApp(prisma, dev, { provider });
    const versions = await Promise.all(['1.0.0', '1.1.0', '1.2.0', '1.3.0'].map((version, i) => newVersion(prisma, dev, app.id, { version, architecture: i % 2 ? 'aarch64' : 'x86_64' })));
    await Promise.all(versions.map((v) => publishVersion(prisma, dev, app.id, v.id)));
    await expectListingTrue(app.id);
    expect((await stored(app.id)).publishedArchitectures).toEqual(['aarch64', 'x86_64']);
    await Promise.all(versions.slice(0, 3).map((v) => deprecateVersion(prisma, dev, app.id, v.id)));
    expect(await stored(app.id)).toMatchObject({ latestVersionId: versions[3]!.id, publishedArchitectures: ['aarch64'] });
  });

  it('stays true for writes that bypass the core services: bulk inserts and hand-written updates', async () => {
    const apps = await Promise.all([0, 1, 2].map(() => newApp(prisma, dev, { provider })));
    const digest = randomDigest();
    await prisma.packageBlob.create({ data: { digest, size: 1n } });
    const base = Date.now() - 60_000;
    await prisma.appVersion.createMany({
      data: apps.flatMap((app, i) => ['1.0.0', '2.0.0'].map((version, j) => ({
        appId: app.id, version, packageDigest: digest, packageSize: 1n, appd: { appDId: randomUUID() }, appdId: randomUUID(),
        architecture: j ? 'aarch64' : 'x86_64', status: i === 2 && j === 1 ? ('validated' as const) : ('published' as const), publishedAt: new Date(base + i * 1000 + j * 100),
      }))),
    });
    for (const app of apps) await expectListingTrue(app.id);
    expect((await stored(apps[0]!.id)).latestVersion).toBe('2.0.0');
    expect((await stored(apps[2]!.id)).latestVersion).toBe('1.0.0');

    // An older publication time reorders the versions; a certification of a published version shows.
    const first = await prisma.appVersion.findFirstOrThrow({ where: { appId: apps[0]!.id, version: '2.0.0' } });
    await prisma.appVersion.update({ where: { id: first.id }, data: { publishedAt: new Date(base - 3_600_000), certifiedAt: new Date() } });
    expect(await stored(apps[0]!.id)).toMatchObject({ latestVersion: '1.0.0', latestCertified: false, certified: true });
    await expectListingTrue(apps[0]!.id);
  });
});

describe('downloads and ratings in the catalog', () => {
  it('shows the new download count and rating at once and sorts by them', async () => {
    const [a, b] = await Promise.all([newApp(prisma, dev, { provider, name: 'Counted A' }), newApp(prisma, dev, { provider, name: 'Counted B' })]);
    const va = await newVersion(prisma, dev, a!.id, { publish: true });
    await newVersion(prisma, dev, b!.id, { publish: true });
    const user = await freshDeveloper(prisma);
    await recordDownload(prisma, user, va.id);
    await recordDownload(prisma, user, va.id);
    const byDownloads = (await catalog({ q: 'counted', sort: 'downloads' })).items;
    expect(byDownloads.map((i) => [i.name, i.downloads])).toEqual([['Counted A', 2], ['Counted B', 0]]);

    await putRating(prisma, user, b!.id, { stars: 4 });
    await putRating(prisma, await freshDeveloper(prisma), b!.id, { stars: 3 });
    const byRating = (await catalog({ q: 'counted', sort: 'rating' })).items;
    expect(byRating.map((i) => [i.name, i.rating])).toEqual([['Counted B', { average: 3.5, count: 2 }], ['Counted A', { average: null, count: 0 }]]);
  });
});
