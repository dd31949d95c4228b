import { getPrisma } from '@mecport/db';
import { describe, expect, it } from 'vitest';
import { resolveActor } from '../../identity';
import { freshIdentity } from '../../testing/identities';
import { addComment, deleteComment, listComments } from './comments';
import { putRating } from './ratings';
import { recordDownload } from './record-download';
import { getStoreApp } from './store-app-detail';
import { freshDeveloper, newApp, newVersion } from '../../testing/store-fixtures';

const prisma = getPrisma();
const someone = () => resolveActor(prisma, freshIdentity({}, ['tester']));

async function publishedApp() {
  const dev = await freshDeveloper(prisma);
  const app = await newApp(prisma, dev);
  const version = await newVersion(prisma, dev, app.id, { publish: true });
  return { dev, app, version };
}

describe('ratings', () => {
  it('keeps one editable rating per user and the average and count', async () => {
    const { app } = await publishedApp();
    const [alice, bob] = [await someone(), await someone()];
    expect((await putRating(prisma, alice, app.id, { stars: 5 })).summary).toEqual({ average: 5, count: 1 });
    expect((await putRating(prisma, bob, app.id, { stars: 2 })).summary).toEqual({ average: 3.5, count: 2 });
    const edited = await putRating(prisma, alice, app.id, { stars: 3 });
    expect(edited).toMatchObject({ stars: 3, summary: { average: 2.5, count: 2 } });
    expect(await prisma.rating.count({ where: { appId: app.id } })).toBe(2);
    expect((await getStoreApp(prisma, app.id)).rating).toEqual({ average: 2.5, count: 2 });
    expect(await prisma.auditEvent.findFirst({ where: { tenantId: alice.tenant.id, action: 'store.rating.put' }, orderBy: { createdAt: 'desc' } })).toMatchObject({ data: { from: 5, to: 3 } });
  });

  it('counts concurrent ratings exactly', async () => {
    const { app } = await publishedApp();
    const raters = await Promise.all(Array.from({ length: 6 }, () => someone()));
    await Promise.all(raters.map((r, i) => putRating(prisma, r, app.id, { stars: (i % 5) + 1 })));
    expect((await getStoreApp(prisma, app.id)).rating).toEqual({ average: Math.round((16 / 6) * 100) / 100, count: 6 });
  });

  it('cannot rate an app the store does not show', async () => {
    const dev = await freshDeveloper(prisma);
    const app = await newApp(prisma, dev);
    await newVersion(prisma, dev, app.id);
    await expect(putRating(prisma, await someone(), app.id, { stars: 4 })).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('comments', () => {
  it('pages newest first without gaps or repeats', async () => {
    const { app } = await publishedApp();
    const author = await someone();
    for (let i = 0; i < 7; i += 1) await addComment(prisma, author, app.id, { body: `comment ${i}` });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listComments(prisma, app.id, { limit: 3, cursor });
      seen.push(...page.items.map((c) => c.body));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect([...seen].sort()).toEqual(Array.from({ length: 7 }, (_, i) => `comment ${i}`));
    expect((await listComments(prisma, app.id, { limit: 1 })).items[0]).toMatchObject({ authorName: author.name });
  });

  it('lets only the author delete a comment', async () => {
    const { app } = await publishedApp();
    const author = await someone();
    const comment = await addComment(prisma, author, app.id, { body: '很好用' });
    await expect(deleteComment(prisma, await someone(), app.id, comment.id)).rejects.toMatchObject({ code: 'not-found' });
    await deleteComment(prisma, author, app.id, comment.id, 'req-del');
    expect((await listComments(prisma, app.id, { limit: 10 })).items).toEqual([]);
    await expect(deleteComment(prisma, author, app.id, comment.id)).rejects.toMatchObject({ code: 'not-found' });
    expect(await prisma.auditEvent.count({ where: { tenantId: author.tenant.id, action: { in: ['store.comment.add', 'store.comment.delete'] } } })).toBe(2);
  });
});

describe('downloads', () => {
  it('records a download of a published version and counts it on the app', async () => {
    const { app, version } = await publishedApp();
    const user = await someone();
    await recordDownload(prisma, user, version.id);
    await recordDownload(prisma, user, version.id);
    expect((await getStoreApp(prisma, app.id)).downloads).toBe(2);
    expect(await prisma.download.count({ where: { appVersionId: version.id, tenantId: user.tenant.id } })).toBe(2);
    const dev = await freshDeveloper(prisma);
    const unpublished = await newVersion(prisma, dev, (await newApp(prisma, dev)).id);
    await expect(recordDownload(prisma, user, unpublished.id)).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('the store app page', () => {
  it('shows the listing, published versions and the AppD summary of the latest', async () => {
    const { app } = await publishedApp();
    const detail = await getStoreApp(prisma, app.id);
    expect(detail.app).not.toHaveProperty('createdBy');
    expect(detail.appd).toMatchObject({
      mecVersion: ['2.1.1'],
      servicesRequired: [{ serName: 'rnis', category: 'RNI', optional: false }, { serName: 'location', optional: true, category: null }],
      servicesProduced: [{ serName: 'app-api', category: 'Video' }],
      trafficRules: [{ trafficRuleId: 'tr-1', filterType: 'FLOW', priority: 1, action: 'FORWARD_DECAPSULATED', filters: 1 }],
      dnsRules: [{ dnsRuleId: 'dns-1', domainName: 'video.edge.example', ipAddressType: 'IP_V4', ipAddress: '10.0.0.10', ttl: 300 }],
      maxLatencyNs: 10_000_000,
    });
  });
});
