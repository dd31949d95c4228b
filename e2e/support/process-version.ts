/**
 * A published demo version that a node with only the process runtime can run. The demo store's
 * listings are container apps (Kubernetes YAML, images on no node), refused on such a node since
 * issue 14; Hello Edge and Zone Watcher are process apps.
 *
 * @example const appVersionId = await aPublishedProcessVersionId(request);
 */
import type { TCatalogPage, TStoreAppDetail } from '@mecport/contracts';
import type { APIRequestContext } from '@playwright/test';
import { call } from './auth-matrix';
import { tokenFor } from './tokens';

export async function aPublishedProcessVersionId(request: APIRequestContext): Promise<string> {
  const page = (await (await request.get('/api/v1/store/apps?limit=100')).json()) as TCatalogPage;
  for (const item of page.items) {
    const detail = (await (await call(request, { method: 'GET', path: `/api/v1/store/apps/${item.id}` }, await tokenFor('operator'))).json()) as TStoreAppDetail;
    const version = detail.versions.find((v) => v.workload?.runtime === 'process');
    if (version) return version.id;
  }
  throw new Error('the demo store has no published process app (Hello Edge is one)');
}
