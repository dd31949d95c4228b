/**
 * The in-process catalog page cache: repeated queries are answered from memory and refreshed in
 * the background, but a publish, deprecate, listing edit or rating of this process shows at once,
 * anything else (downloads, other processes) within the TTL, and `Cache-Control: no-cache` always
 * reads the database.
 */
import { randomUUID } from 'node:crypto';
import { ZCatalogQuery, type TCatalogQueryInput } from '@mecport/contracts';
import { getPrisma } from '@mecport/db';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TActor } from '../../identity';
import { CATALOG_CACHE_MAX_PAGES, CATALOG_CACHE_REFRESH_MS, CATALOG_CACHE_TTL_MS, cachedCatalogPage, catalogCacheSize, invalidateCatalogCache } from './catalog-cache';
import { deprecateVersion } from '../apps/deprecate-version';
import { publishVersion } from '../apps/publish-version';
import { putRating } from './ratings';
import { recordDownload } from './record-download';
import { freshDeveloper, newApp, newVersion } from '../../testing/store-fixtures';
import { updateApp } from '../apps/update-app';

const prisma = getPrisma();
const provider = `Cache Provider ${randomUUID().slice(0, 8)}`;
const parse = (query: TCatalogQueryInput = {}) => ZCatalogQuery.parse({ provider, limit: 50, ...query });
const page = (query?: TCatalogQueryInput, options?: Parameters<typeof cachedCatalogPage>[2]) => cachedCatalogPage(prisma, parse(query), options);
const names = async (query?: TCatalogQueryInput, options?: Parameters<typeof cachedCatalogPage>[2]) => (await page(query, options)).items.map((i) => i.name).sort();

let dev: TActor;
beforeAll(async () => {
  dev = await freshDeveloper(prisma);
  await newVersion(prisma, dev, (await newApp(prisma, dev, { provider, name: 'Cached One' })).id, { publish: true });
});
beforeEach(() => invalidateCatalogCache());

describe('the catalog page cache', () => {
  it('answers a repeated query from memory, refreshes it in the background, and never serves it past the TTL', async () => {
    const now = Date.now();
    expect(await names({}, { now })).toEqual(['Cached One']);
    // Writes that bypass the core services (another process) are not seen while the page is fresh...
    const other = await newApp(prisma, dev, { provider, name: 'Cached Two' });
    const version = await newVersion(prisma, dev, other.id);
    const setStatus = (status: 'published' | 'deprecated') => prisma.appVersion.update({ where: { id: version.id }, data: { status, publishedAt: new Date() } });
    await setStatus('published');
    expect(await names({}, { now: now + CATALOG_CACHE_REFRESH_MS - 1 })).toEqual(['Cached One']);
    // ...nor while its one refresh runs, and the refresh replaces it when it lands.
    expect(await names({}, { now: now + CATALOG_CACHE_REFRESH_MS })).toEqual(['Cached One']);
    await expect.poll(() => names({}, { now: now + CATALOG_CACHE_REFRESH_MS + 1 })).toEqual(['Cached One', 'Cached Two']);
    // A page whose query started a TTL ago is never served, even when nobody asked in between.
    const later = now + CATALOG_CACHE_REFRESH_MS;
    await setStatus('deprecated');
    expect(await names({}, { now: later + CATALOG_CACHE_TTL_MS })).toEqual(['Cached One']);
    // A client that asks for a fresh answer gets one, which also refreshes the cached page.
    await setStatus('published');
    expect(await names({}, { now: later + 2 * CATALOG_CACHE_TTL_MS, cacheControl: 'no-cache' })).toEqual(['Cached One', 'Cached Two']);
    expect(await names({}, { now: later + 2 * CATALOG_CACHE_TTL_MS })).toEqual(['Cached One', 'Cached Two']);
    await setStatus('deprecated');
    expect(await names({}, { now: later + 2 * CATALOG_CACHE_TTL_MS, pragma: 'no-cache' })).toEqual(['Cached One']);
  });

  it('shows this process\'s publish, deprecate, listing edit and rating at once, a download within the TTL', async () => {
    const app = await newApp(prisma, dev, { provider, name: 'Cached Fresh' });
    const version = await newVersion(prisma, dev, app.id);
    expect(await names()).not.toContain('Cached Fresh');
    await publishVersion(prisma, dev, app.id, version.id);
    expect(await names()).toContain('Cached Fresh');

    await updateApp(prisma, dev, app.id, { name: 'Cached Renamed' });
    expect(await names()).toContain('Cached Renamed');

    const now = Date.now();
    const item = async (at = now) => (await page({}, { now: at })).items.find((i) => i.id === app.id)!;
    expect((await item()).downloads).toBe(0);
    await recordDownload(prisma, dev, version.id);
    expect((await item()).downloads).toBe(0);
    expect((await item(now + CATALOG_CACHE_TTL_MS)).downloads).toBe(1);
    await putRating(prisma, dev, app.id, { stars: 2 });
    expect((await item(now + CATALOG_CACHE_TTL_MS)).rating).toEqual({ average: 2, count: 1 });

    await deprecateVersion(prisma, dev, app.id, version.id);
    expect(await names()).not.toContain('Cached Renamed');
  });

  it('shares one query between concurrent requests, keeps no failure, and stays bounded', async () => {
    const first = page({ q: 'shared once' });
    expect(page({ q: 'shared once' })).toBe(first);
    await first;

    const before = catalogCacheSize();
    await expect(page({ cursor: 'garbage' })).rejects.toMatchObject({ code: 'validation' });
    expect(catalogCacheSize()).toBe(before);

    await Promise.all(Array.from({ length: CATALOG_CACHE_MAX_PAGES + 10 }, (_, i) => page({ q: `bounded ${i}` })));
    expect(catalogCacheSize()).toBe(CATALOG_CACHE_MAX_PAGES);
  });
});
