/**
 * Loading an app the caller may act on. Another tenant's app, or one the store does not show,
 * answers 404 exactly like a missing one, so ids leak nothing.
 */
import { AppError, notFoundInTenant } from '@mecport/contracts';
import type { DbExecutor } from '@mecport/db';

/** The app if it belongs to `tenantId`; 404 otherwise. */
export async function findTenantApp(db: DbExecutor, tenantId: string, appId: string) {
  const app = await db.app.findFirst({ where: { id: appId, tenantId } });
  if (!app) throw notFoundInTenant('app', appId);
  return app;
}

/** The app if the store shows it (it has a published version); 404 otherwise. */
export async function findStoreApp(db: DbExecutor, appId: string) {
  const app = await db.app.findFirst({ where: { id: appId, versions: { some: { status: 'published' } } } });
  if (!app) throw new AppError('not-found', `No app ${appId} in the store`);
  return app;
}

/** A version of one of the tenant's apps; 404 otherwise. */
export async function findTenantVersion(db: DbExecutor, tenantId: string, appId: string, versionId: string) {
  const version = await db.appVersion.findFirst({ where: { id: versionId, appId, app: { tenantId } } });
  if (!version) throw notFoundInTenant('app-version', versionId, { appId });
  return version;
}
