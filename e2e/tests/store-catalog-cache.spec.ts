/**
 * The portal caches public catalog pages for a short while; a write made through the portal still
 * shows at once, although it is handled by another route than the catalog's (the invalidation must
 * reach the catalog route's cache in the same server process).
 */
import { DEMO_APPS, type TCatalogItem, type TCatalogPage, type TMyRating } from '@mecport/contracts';
import { call } from '../support/auth-matrix';
import { expect, test } from '../support/fixtures';
import { tokenFor } from '../support/tokens';

type TRequest = Parameters<typeof call>[0];

async function catalogItem(request: TRequest, name: string, slug: string, headers: Record<string, string> = {}): Promise<TCatalogItem> {
  const response = await request.get(`/api/v1/store/apps?${new URLSearchParams({ q: name })}`, { headers });
  expect(response.status(), await response.text()).toBe(200);
  const item = ((await response.json()) as TCatalogPage).items.find((i) => i.slug === slug);
  expect(item, `${slug} in the catalog`).toBeDefined();
  return item!;
}

test('a rating shows in the cached catalog at once', async ({ request }) => {
  const demo = DEMO_APPS.find((a) => a.slug === 'smart-parking-finder')!;
  const operator = await tokenFor('operator');
  for (const stars of [5, 1]) {
    const before = await catalogItem(request, demo.name, demo.slug);
    expect(await catalogItem(request, demo.name, demo.slug), 'the same page again').toEqual(before);
    const response = await call(request, { method: 'PUT', path: `/api/v1/store/apps/${before.id}/rating`, body: { stars } }, operator);
    expect(response.status(), await response.text()).toBe(200);
    const { summary } = (await response.json()) as TMyRating;
    expect((await catalogItem(request, demo.name, demo.slug)).rating).toEqual(summary);
    expect((await catalogItem(request, demo.name, demo.slug, { 'cache-control': 'no-cache' })).rating).toEqual(summary);
  }
});
