/**
 * The store's API through HTTP against the demo store that `npm start` seeds (DEMO_APPS): the
 * catalog is public and finds apps by Chinese and English words, filters, sorts and pages; a
 * developer manages their tenant's apps; tenants and roles stay apart.
 */
import { DEMO_APPS, type TApp, type TAppVersion, type TCatalogItem, type TCatalogPage, type TComment, type TMyRating, type TStoreAppDetail } from '@mecport/contracts';
import { call, expectProblem, expectTenantIsolation } from '../support/auth-matrix';
import { expect, test } from '../support/fixtures';
import { tokenFor } from '../support/tokens';

type TRequest = Parameters<typeof call>[0];

async function catalog(request: TRequest, query: Record<string, string>): Promise<TCatalogPage> {
  const response = await request.get(`/api/v1/store/apps?${new URLSearchParams(query)}`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as TCatalogPage;
}
const slugs = (page: TCatalogPage) => page.items.map((i) => i.slug);

async function walk(request: TRequest, query: Record<string, string>): Promise<TCatalogItem[]> {
  const items: TCatalogItem[] = [];
  let cursor: string | null = null;
  do {
    const page: TCatalogPage = await catalog(request, { ...query, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

async function demoItem(request: TRequest, slug: string): Promise<TCatalogItem> {
  const demo = DEMO_APPS.find((a) => a.slug === slug)!;
  const item = (await catalog(request, { q: demo.name, limit: '50' })).items.find((i) => i.slug === slug);
  expect(item, `demo app ${slug} in the catalog`).toBeDefined();
  return item!;
}

/** npm start publishes the demo apps, then Hello Edge and Zone Watcher (the apps its demo edge agent runs), then the container sample Hello Container. */
const PUBLISHED = [...DEMO_APPS.map((a) => a.slug), 'hello-edge', 'zone-watcher', 'hello-container'];

test('the catalog is public and shows every published demo app, paged without gaps or repeats', async ({ request }) => {
  for (const sort of ['newest', 'downloads', 'rating']) {
    const items = await walk(request, { sort, limit: '5' });
    expect(items.map((i) => i.slug).sort(), sort).toEqual([...PUBLISHED].sort());
  }
  const newest = await catalog(request, { limit: '50' });
  expect(newest.items.map((i) => i.slug).slice(0, 4), 'Hello Container, Zone Watcher, Hello Edge and the last demo app were published last').toEqual(['hello-container', 'zone-watcher', 'hello-edge', DEMO_APPS.at(-1)!.slug]);
  const byDownloads = await catalog(request, { sort: 'downloads', limit: '1' });
  expect(byDownloads.items[0]!.slug).toBe([...DEMO_APPS].sort((a, b) => b.downloads - a.downloads)[0]!.slug);
  await expectProblem(await request.get('/api/v1/store/apps?limit=51'), 400);
});

test('search finds apps by a Chinese word and by an English word', async ({ request }) => {
  expect(slugs(await catalog(request, { q: '质检' }))).toEqual(['smart-factory-inspection']);
  expect(slugs(await catalog(request, { q: '视频' }))).toContain('edge-video-analytics');
  expect(slugs(await catalog(request, { q: '碰撞预警' }))).toEqual(['v2x-collision-warning']);
  expect(slugs(await catalog(request, { q: 'collision' }))).toEqual(['v2x-collision-warning']);
  expect(slugs(await catalog(request, { q: 'Museum' }))).toEqual(['ar-museum-guide']);
  expect(slugs(await catalog(request, { q: 'no-such-app-anywhere' }))).toEqual([]);
});

test('filters by category, architecture, provider and certification', async ({ request }) => {
  const expectSlugs = async (query: Record<string, string>, pick: (a: (typeof DEMO_APPS)[number]) => boolean) =>
    expect(slugs(await catalog(request, { ...query, limit: '50' })).sort(), JSON.stringify(query)).toEqual(DEMO_APPS.filter(pick).map((a) => a.slug).sort());
  await expectSlugs({ category: 'smart-city' }, (a) => a.category === 'smart-city');
  await expectSlugs({ architecture: 'aarch64' }, (a) => a.architecture === 'aarch64');
  await expectSlugs({ provider: 'Globex AI' }, (a) => a.provider === 'Globex AI');
  await expectSlugs({ certifiedOnly: 'true' }, (a) => a.certified);
  await expectSlugs({ certifiedOnly: 'true', architecture: 'x86_64' }, (a) => a.certified && a.architecture === 'x86_64');
  const problem = await expectProblem(await request.get('/api/v1/store/apps?sort=popular'), 400);
  expect(problem.errors?.[0]?.field).toBe('sort');
});

test('an app page shows its versions, the AppD summary, ratings and comments', async ({ request }) => {
  const item = await demoItem(request, 'edge-video-analytics');
  const response = await request.get(`/api/v1/store/apps/${item.id}`);
  expect(response.status()).toBe(200);
  const detail = (await response.json()) as TStoreAppDetail;
  expect(detail.app).toMatchObject({ name: 'Edge Video Analytics', nameZh: '边缘视频分析' });
  expect(detail.versions.map((v) => v.status)).toEqual(['published']);
  expect(detail.appd).toMatchObject({ appDId: 'mecport-demo-edge-video-analytics', servicesRequired: [{ serName: 'rnis' }, { serName: 'location' }], servicesProduced: [{ serName: 'video-analytics' }] });
  expect(detail.appd!.trafficRules[0]).toMatchObject({ filterType: 'FLOW', action: 'FORWARD_DECAPSULATED' });
  expect(detail.appd!.dnsRules[0]).toMatchObject({ domainName: 'video.acme.example', ipAddressType: 'IP_V4' });
  await expectProblem(await request.get('/api/v1/store/apps/00000000-0000-4000-8000-00000000dead'), 404);

  const tester = await tokenFor('tester');
  const rated = await call(request, { method: 'PUT', path: `/api/v1/store/apps/${item.id}/rating`, body: { stars: 1 } }, tester);
  expect(rated.status()).toBe(200);
  const first = (await rated.json()) as TMyRating;
  expect(first.summary.count).toBeGreaterThanOrEqual(detail.rating.count);
  const again = (await (await call(request, { method: 'PUT', path: `/api/v1/store/apps/${item.id}/rating`, body: { stars: 2 } }, tester)).json()) as TMyRating;
  expect(again.stars).toBe(2);
  expect(again.summary.count, 'one rating per user').toBe(first.summary.count);
  expect((await (await request.get(`/api/v1/store/apps/${item.id}`)).json() as TStoreAppDetail).rating).toEqual(again.summary);
  expect((await expectProblem(await call(request, { method: 'PUT', path: `/api/v1/store/apps/${item.id}/rating`, body: { stars: 6 } }, tester), 400)).errors?.[0]?.field).toBe('stars');

  const added = await call(request, { method: 'POST', path: `/api/v1/store/apps/${item.id}/comments`, body: { body: '很好用 — works well' } }, tester);
  expect(added.status()).toBe(201);
  const comment = (await added.json()) as TComment;
  const comments = (await (await request.get(`/api/v1/store/apps/${item.id}/comments?limit=1`)).json()) as { items: TComment[] };
  expect(comments.items[0]).toMatchObject({ id: comment.id, authorName: 'Tian Tester' });
  const path = `/api/v1/store/apps/${item.id}/comments/${comment.id}`;
  await expectProblem(await call(request, { method: 'DELETE', path }, await tokenFor('globex-tester')), 404);
  expect((await call(request, { method: 'DELETE', path }, tester)).status()).toBe(204);
  await expectProblem(await call(request, { method: 'DELETE', path }, tester), 404);
});

test('a developer creates and edits an app; other tenants get 404 and testers 403', async ({ request }) => {
  const developer = await tokenFor('developer');
  const slug = `e2e-${Date.now().toString(36)}`;
  const created = await call(request, { method: 'POST', path: '/api/v1/apps', body: { slug, name: 'E2E Edge Probe', nameZh: '端到端探针', provider: 'Acme QA', category: 'other', tags: ['probe'] } }, developer);
  expect(created.status(), await created.text()).toBe(201);
  const app = (await created.json()) as TApp;
  expect(app).toMatchObject({ slug, nameZh: '端到端探针', descriptionEn: '' });
  await expectProblem(await call(request, { method: 'POST', path: '/api/v1/apps', body: { slug, name: 'Again', provider: 'Acme QA', category: 'other' } }, developer), 409);

  const patched = await call(request, { method: 'PATCH', path: `/api/v1/apps/${app.id}`, body: { descriptionEn: '# Probe\nChecks the edge.' } }, developer);
  expect(((await patched.json()) as TApp).descriptionEn).toBe('# Probe\nChecks the edge.');
  const mine = (await (await call(request, { method: 'GET', path: '/api/v1/apps?limit=100' }, developer)).json()) as { items: TApp[] };
  expect(mine.items.map((a) => a.id)).toContain(app.id);

  await expectTenantIsolation(request, { path: `/api/v1/apps/${app.id}`, owner: 'developer', stranger: 'globex-developer' });
  await expectTenantIsolation(request, { path: `/api/v1/apps/${app.id}/versions`, owner: 'developer', stranger: 'globex-developer' });
  await expectProblem(await call(request, { method: 'PATCH', path: `/api/v1/apps/${app.id}`, body: { name: 'Hijacked' } }, await tokenFor('globex-developer')), 404);
  const foreign = (await (await call(request, { method: 'GET', path: '/api/v1/apps?limit=100' }, await tokenFor('globex-developer'))).json()) as { items: TApp[] };
  expect(foreign.items.map((a) => a.id)).not.toContain(app.id);
  await expectProblem(await call(request, { method: 'GET', path: '/api/v1/apps' }, await tokenFor('tester')), 403);
  await expectProblem(await call(request, { method: 'GET', path: '/api/v1/apps' }), 401);

  // Without a published version the app is not in the store.
  await expectProblem(await request.get(`/api/v1/store/apps/${app.id}`), 404);
  expect(slugs(await catalog(request, { q: 'E2E Edge Probe' }))).toEqual([]);
});

test('published versions cannot be deleted or published again; another tenant cannot touch them', async ({ request }) => {
  const developer = await tokenFor('developer');
  const item = await demoItem(request, 'edge-cdn-cache');
  const versions = (await (await call(request, { method: 'GET', path: `/api/v1/apps/${item.id}/versions` }, developer)).json()) as { items: TAppVersion[] };
  const version = versions.items[0]!;
  expect(version).toMatchObject({ status: 'published', architecture: 'x86_64', validation: { fail: 0 } });
  const path = `/api/v1/apps/${item.id}/versions/${version.id}`;
  await expectProblem(await call(request, { method: 'DELETE', path }, developer), 409);
  await expectProblem(await call(request, { method: 'POST', path: `${path}/publish` }, developer), 409);
  for (const action of ['publish', 'deprecate']) await expectProblem(await call(request, { method: 'POST', path: `${path}/${action}` }, await tokenFor('globex-developer')), 404);
  await expectProblem(await call(request, { method: 'DELETE', path }, await tokenFor('globex-admin')), 404);
  await expectProblem(await call(request, { method: 'DELETE', path }, await tokenFor('operator')), 403);
});
