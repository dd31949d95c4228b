import { randomUUID } from 'node:crypto';
import { ZCatalogQuery, type TCatalogQueryInput } from '@mecport/contracts';
import { getPrisma } from '@mecport/db';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '../../identity';
import { queryCatalog } from './catalog';
import { deprecateVersion } from '../apps/deprecate-version';
import { putRating } from './ratings';
import { recordDownload } from './record-download';
import { publishVersion } from '../apps/publish-version';
import { freshDeveloper, newApp, newVersion } from '../../testing/store-fixtures';

const prisma = getPrisma();
/** Every app of this file carries this provider, so other files' apps never show up in the filtered pages. */
const provider = `Catalog Provider ${randomUUID().slice(0, 8)}`;
const catalog = (query: TCatalogQueryInput) => queryCatalog(prisma, ZCatalogQuery.parse({ provider, ...query }));
const names = async (query: TCatalogQueryInput) => (await catalog({ limit: 50, ...query })).items.map((i) => i.name);

let dev: TActor;
const ids: Record<string, string> = {};

beforeAll(async () => {
  dev = await freshDeveloper(prisma);
  const specs = [
    { name: 'Edge Video Analytics', nameZh: '边缘视频分析', category: 'video-analytics', tags: ['camera'], descriptionZh: '实时视频结构化', arch: 'x86_64', certified: true },
    { name: 'AR Guide', nameZh: '增强现实导览', category: 'ar-vr', tags: ['tourism'], descriptionEn: 'Augmented reality tours for museums', arch: 'aarch64', certified: false },
    { name: 'Cloud Gaming Relay', nameZh: null, category: 'gaming', tags: ['latency'], descriptionEn: 'Low latency game streaming', arch: 'x86_64', certified: false },
    { name: 'Smart Factory Vision', nameZh: '智能工厂质检', category: 'industrial', tags: ['defect', '视频'], descriptionEn: 'Defect detection', arch: 'aarch64', certified: true },
  ] as const;
  const base = Date.now() - 60 * 60_000;
  for (const [index, s] of specs.entries()) {
    const app = await newApp(prisma, dev, { name: s.name, nameZh: s.nameZh, category: s.category, tags: [...s.tags], provider, descriptionEn: 'descriptionEn' in s ? s.descriptionEn : '', descriptionZh: 'descriptionZh' in s ? s.descriptionZh : '' });
    const v = await newVersion(prisma, dev, app.id, { architecture: s.arch });
    if (s.certified) await prisma.appVersion.update({ where: { id: v.id }, data: { status: 'certified', certifiedAt: new Date() } });
    await publishVersion(prisma, dev, app.id, v.id);
    await prisma.appVersion.update({ where: { id: v.id }, data: { publishedAt: new Date(base + index * 60_000) } }); // distinct times: 'newest' is exact
    ids[s.name] = app.id;
  }
  // An app with no published version and one whose only version is deprecated never show.
  const hidden = await newApp(prisma, dev, { name: 'Hidden Validated 视频', provider });
  await newVersion(prisma, dev, hidden.id);
  const gone = await newApp(prisma, dev, { name: 'Gone Deprecated 视频', provider });
  const goneVersion = await newVersion(prisma, dev, gone.id, { publish: true });
  await deprecateVersion(prisma, dev, gone.id, goneVersion.id);
});

describe('catalog search', () => {
  it('finds apps by a two-character Chinese word in names, tags and descriptions', async () => {
    expect((await names({ q: '视频' })).sort()).toEqual(['Edge Video Analytics', 'Smart Factory Vision']);
    expect(await names({ q: '导览' })).toEqual(['AR Guide']);
    expect(await names({ q: '质检' })).toEqual(['Smart Factory Vision']);
  });

  it('finds apps by English words, case-insensitively, every word required, with typo tolerance', async () => {
    expect(await names({ q: 'video' })).toEqual(['Edge Video Analytics']);
    expect(await names({ q: 'AUGMENTED museums' })).toEqual(['AR Guide']);
    expect(await names({ q: 'latency streaming' })).toEqual(['Cloud Gaming Relay']);
    expect(await names({ q: 'latency museums' })).toEqual([]);
    expect(await names({ q: 'analytcs' })).toEqual(['Edge Video Analytics']);
    expect(await names({ q: '100%_' })).toEqual([]);
  });

  it('never shows apps without a published version or with only deprecated ones', async () => {
    expect(await names({ q: 'hidden' })).toEqual([]);
    expect(await names({ q: 'deprecated' })).toEqual([]);
    expect(await names({})).toHaveLength(4);
  });
});

describe('catalog filters', () => {
  it('filters by category, architecture, provider and certification', async () => {
    expect(await names({ category: 'gaming' })).toEqual(['Cloud Gaming Relay']);
    expect((await names({ architecture: 'aarch64' })).sort()).toEqual(['AR Guide', 'Smart Factory Vision']);
    expect((await names({ certifiedOnly: 'true' })).sort()).toEqual(['Edge Video Analytics', 'Smart Factory Vision']);
    expect(await names({ certifiedOnly: 'true', architecture: 'x86_64' })).toEqual(['Edge Video Analytics']);
    expect((await queryCatalog(prisma, ZCatalogQuery.parse({ provider: `${provider} nobody` }))).items).toEqual([]);
    const item = (await catalog({ q: '视频', category: 'video-analytics' })).items[0]!;
    expect(item).toMatchObject({ name: 'Edge Video Analytics', nameZh: '边缘视频分析', certified: true, architectures: ['x86_64'], latestVersion: { version: '1.0.0', certified: true }, excerptZh: '实时视频结构化' });
  });
});

describe('catalog sorting and pagination', () => {
  it('sorts by newest, downloads and rating', async () => {
    expect(await names({ sort: 'newest' })).toEqual(['Smart Factory Vision', 'Cloud Gaming Relay', 'AR Guide', 'Edge Video Analytics']);
    const user = await freshDeveloper(prisma);
    const versionOf = async (name: string) => (await prisma.appVersion.findFirstOrThrow({ where: { appId: ids[name] } })).id;
    for (let i = 0; i < 3; i += 1) await recordDownload(prisma, user, await versionOf('AR Guide'));
    await recordDownload(prisma, user, await versionOf('Cloud Gaming Relay'));
    expect((await names({ sort: 'downloads' })).slice(0, 2)).toEqual(['AR Guide', 'Cloud Gaming Relay']);
    await putRating(prisma, user, ids['Cloud Gaming Relay']!, { stars: 5 });
    await putRating(prisma, user, ids['Edge Video Analytics']!, { stars: 4 });
    await putRating(prisma, await freshDeveloper(prisma), ids['Edge Video Analytics']!, { stars: 2 });
    expect((await names({ sort: 'rating' })).slice(0, 2)).toEqual(['Cloud Gaming Relay', 'Edge Video Analytics']);
    expect((await catalog({ sort: 'rating', limit: 1 })).items[0]!.rating).toEqual({ average: 5, count: 1 });
  });

  it('ranks name matches first when searching', async () => {
    expect((await names({ q: 'vision' }))[0]).toBe('Smart Factory Vision');
  });

  for (const sort of ['newest', 'downloads', 'rating', 'relevance'] as const) {
    it(`pages sort=${sort} with a cursor, without gaps or repeats`, async () => {
      const all = await names({ sort, q: sort === 'relevance' ? 'e' : undefined });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await catalog({ sort, q: sort === 'relevance' ? 'e' : undefined, limit: 1, cursor });
        seen.push(...page.items.map((i) => i.name));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(all);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeGreaterThan(1);
    });
  }

  it('refuses a foreign or garbled cursor', async () => {
    const { nextCursor } = await catalog({ sort: 'newest', limit: 1 });
    await expect(catalog({ sort: 'downloads', cursor: nextCursor! })).rejects.toMatchObject({ code: 'validation', errors: [{ field: 'cursor' }] });
    await expect(catalog({ cursor: 'garbage' })).rejects.toMatchObject({ code: 'validation' });
  });

  it('limits pages to 50', () => {
    expect(ZCatalogQuery.safeParse({ limit: '51' }).success).toBe(false);
  });
});
