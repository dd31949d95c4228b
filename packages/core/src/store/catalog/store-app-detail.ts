/** The store's public page of an app: listing, published versions, AppD summary, publisher, downloads and rating. */
import type { TStoreAppDetail } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { summarizeAppd } from './appd-summary';
import { appProviderDiffers } from '../apps/app-provider-check';
import { findStoreApp } from '../apps/find-app';
import { toApp, toAppVersion } from '../apps/mappers';
import { ratingSummaryOf } from './social-mappers';

export async function getStoreApp(db: DbClient, appId: string): Promise<TStoreAppDetail> {
  const app = await findStoreApp(db, appId);
  const versions = await db.appVersion.findMany({ where: { appId: app.id, status: 'published' }, orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }] });
  const latest = versions[0];
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: app.tenantId }, select: { name: true, nameZh: true } });
  const appd = latest ? summarizeAppd(latest.appd, latest.appdId) : null;
  const { createdBy: _createdBy, ...listing } = toApp(app);
  return {
    app: listing,
    versions: versions.map((v) => {
      const { validation: _validation, ...version } = toAppVersion(v);
      return version;
    }),
    appd,
    publisher: { ...tenant, appProviderDiffers: appProviderDiffers(appd?.appProvider ?? null, tenant) },
    downloads: app.downloadCount,
    rating: ratingSummaryOf(app),
  };
}
