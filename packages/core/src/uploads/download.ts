/**
 * Who may download which package: any signed-in user a published version; the owning tenant's
 * developers and admins also their own unpublished ones. Everything else answers 404, exactly
 * like a missing version. Parsing of HTTP Range headers for the download lives here too.
 *
 * @example
 * const target = await findDownloadableVersion(db, actor, appId, versionId);
 * if (target.countsAsDownload && isFirstRequest) await recordDownload(db, actor, target.version.id);
 */
import { AppError } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import type { TActor } from '../identity';

export interface TDownloadTarget {
  version: { id: string; version: string; packageDigest: string; packageSize: bigint; status: string };
  app: { id: string; slug: string };
  /** Published versions count in the store's download figures; a developer fetching their own draft does not. */
  countsAsDownload: boolean;
  /** A safe file name for Content-Disposition, e.g. `edge-video-1.0.0.csar`. */
  filename: string;
}

export async function findDownloadableVersion(db: DbClient, actor: Pick<TActor, 'tenant' | 'roles'>, appId: string, versionId: string): Promise<TDownloadTarget> {
  const version = await db.appVersion.findFirst({ where: { id: versionId, appId }, include: { app: { select: { id: true, slug: true, tenantId: true } } } });
  const published = version?.status === 'published';
  const owner = version !== null && version.app.tenantId === actor.tenant.id && actor.roles.some((r) => r === 'developer' || r === 'admin');
  if (!version || (!published && !owner)) throw new AppError('not-found', `No downloadable version ${versionId} of app ${appId}`);
  const filename = `${version.app.slug}-${version.version}.csar`.replace(/[^A-Za-z0-9._-]/g, '_');
  return { version, app: { id: version.app.id, slug: version.app.slug }, countsAsDownload: published, filename };
}

/**
 * The one byte range a `Range` header asks for (inclusive bounds), `null` for the whole file
 * (no header, another unit, several ranges or a malformed one: RFC 9110 lets a server ignore
 * those), or `'unsatisfiable'` (416).
 *
 * @example parseByteRange('bytes=0-99', 1000) // { start: 0, end: 99 }
 */
export function parseByteRange(header: string | null, size: number): { start: number; end: number } | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}
