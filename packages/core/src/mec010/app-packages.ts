/**
 * The MEC 010-2 northbound's reads: every published (not deprecated) app version of the store,
 * whatever its tenant, as an application package. Anything else (draft, certified, deprecated,
 * unknown) answers 404 like a missing package.
 *
 * @example
 * const list = await listAppPackages(db, { baseUrl: 'https://portal.example/app_pkgm/v1', query: { filter: '(eq,appName,X)' } });
 */
import { AppError, type TMec010AppD, type TMec010AppPackagesQuery, type TMec010AppPkgInfo } from '@mecport/contracts';
import type { DbExecutor } from '@mecport/db';
import { toAppPkgInfo, type TPublishedVersionRow } from './app-pkg-info';
import { applySelection, parseAppPkgFilter, selectedOptionalAttributes } from './query';

const PUBLISHED = { status: 'published' } as const;
const SELECT = {
  id: true, version: true, packageDigest: true, packageSize: true, appd: true, appdId: true, architecture: true, publishedAt: true, certifiedAt: true,
  app: { select: { id: true, name: true, provider: true } },
} as const;

export async function listAppPackages(db: DbExecutor, options: { baseUrl: string; query: TMec010AppPackagesQuery }): Promise<TMec010AppPkgInfo[]> {
  // Parse first: a bad filter or selector is a 400 before any query runs.
  const keep = parseAppPkgFilter(options.query.filter);
  const kept = selectedOptionalAttributes(options.query);
  const rows: TPublishedVersionRow[] = await db.appVersion.findMany({ where: PUBLISHED, select: SELECT, orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }] });
  return rows.map((row) => toAppPkgInfo(row, options.baseUrl)).filter(keep).map((info) => applySelection(info, kept));
}

/** The published version behind an appPkgId; 404 otherwise. */
export async function findPublishedPackage(db: DbExecutor, appPkgId: string): Promise<TPublishedVersionRow> {
  const row = await db.appVersion.findFirst({ where: { id: appPkgId, ...PUBLISHED }, select: SELECT });
  if (!row) throw new AppError('not-found', `No onboarded application package ${appPkgId}: it does not exist or is not published`);
  return row;
}

export async function getAppPackage(db: DbExecutor, appPkgId: string, baseUrl: string): Promise<TMec010AppPkgInfo> {
  return toAppPkgInfo(await findPublishedPackage(db, appPkgId), baseUrl);
}

/**
 * The stored MEC 010-2 AppD projection of a published version, as stored; a missing identity
 * member (the codec always writes them) is filled from the version row, as AppPkgInfo does.
 */
export async function getAppPackageAppd(db: DbExecutor, appPkgId: string): Promise<TMec010AppD> {
  const row = await findPublishedPackage(db, appPkgId);
  const appd = row.appd && typeof row.appd === 'object' && !Array.isArray(row.appd) ? (row.appd as Record<string, unknown>) : {};
  const info = toAppPkgInfo(row, '');
  return {
    ...appd,
    appDId: info.appDId, appName: info.appName, appProvider: info.appProvider ?? row.app.provider, appSoftVersion: info.appSoftwareVersion, appDVersion: info.appDVersion,
  };
}
