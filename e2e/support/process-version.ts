/**
 * A published demo version that a node with only the process runtime can run. The demo store's
 * listings are container apps (Kubernetes YAML, images on no node), refused on such a node since
 * issue 14; Hello Edge and Zone Watcher are process apps.
 *
 * @example const appVersionId = await aPublishedProcessVersionId(request);
 */
import { CATALOG_MAX_PAGE, type TCatalogPage, type TStoreAppDetail } from '@mecport/contracts';
import { expect, type APIRequestContext } from '@playwright/test';
import { call } from './auth-matrix';
import { tokenFor } from './tokens';

export async function aPublishedProcessVersionId(request: APIRequestContext): Promise<string> {
  let cursor: string | null = null;
  do {
    const response = await request.get(`/api/v1/store/apps?limit=${CATALOG_MAX_PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(response.status()).toBe(200);
    const page = (await response.json()) as TCatalogPage;
    for (const item of page.items) {
      const detail = (await (await call(request, { method: 'GET', path: `/api/v1/store/apps/${item.id}` }, await tokenFor('operator'))).json()) as TStoreAppDetail;
      const version = detail.versions.find((v) => v.workload?.runtime === 'process');
      if (version) return version.id;
    }
    cursor = page.nextCursor;
  } while (cursor);
  throw new Error('the demo store has no published process app (Hello Edge is one)');
}
