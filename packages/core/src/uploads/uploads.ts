/**
 * The upload lifecycle as the portal's tus endpoint drives it: create (state `uploading`), record
 * the offset, complete (`validating`, then the `package.validate` job), cancel; and the reads.
 * Another tenant's upload answers 404 exactly like a missing one.
 *
 * @example
 * await createUpload(db, actor, { id, size: 1234, metadata: { appId, version: '1.0.0', filename: 'app.csar' } });
 * if (await completeUpload(db, actor, id, requestId)) await queue.send('package.validate', { uploadId: id });
 */
import { AppError, type TPageQuery, type TUpload, type TUploadMetadata, notFoundInTenant } from '@mecport/contracts';
import type { DbClient, DbExecutor } from '@mecport/db';
import { recordAudit } from '../audit';
import { afterCursor, encodeCursor } from '../shared/keyset-cursor';
import type { TActor } from '../identity';
import { findTenantApp } from '../store';
import { toUpload } from './mappers';

/** The upload row if it belongs to `tenantId`; 404 otherwise. */
export async function findTenantUpload(db: DbExecutor, tenantId: string, uploadId: string) {
  const upload = await db.upload.findFirst({ where: { id: uploadId, tenantId } });
  if (!upload) throw notFoundInTenant('upload', uploadId);
  return upload;
}

export async function createUpload(db: DbClient, actor: TActor, input: { id: string; size: number; metadata: TUploadMetadata }): Promise<TUpload> {
  const app = await findTenantApp(db, actor.tenant.id, input.metadata.appId);
  const row = await db.upload.create({
    data: {
      id: input.id, appId: app.id, tenantId: actor.tenant.id, version: input.metadata.version, filename: input.metadata.filename, size: BigInt(input.size),
      createdBy: actor.subject, progress: { phase: 'upload', bytesDone: 0, bytesTotal: input.size },
    },
  });
  return toUpload(row);
}

/** Records the bytes received so far (only while uploading). */
export async function setUploadOffset(db: DbClient, uploadId: string, offset: number): Promise<void> {
  const upload = await db.upload.findUnique({ where: { id: uploadId }, select: { size: true } });
  if (!upload) return;
  await db.upload.updateMany({
    where: { id: uploadId, state: 'uploading' },
    data: { offset: BigInt(offset), progress: { phase: 'upload', bytesDone: offset, bytesTotal: Number(upload.size) } },
  });
}

/** Moves a fully received upload to `validating` (audited). False if it was not uploading (already completed). */
export async function completeUpload(db: DbClient, actor: Pick<TActor, 'subject' | 'name' | 'tenant'>, uploadId: string, requestId?: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const upload = await findTenantUpload(tx, actor.tenant.id, uploadId);
    const { count } = await tx.upload.updateMany({
      where: { id: upload.id, state: 'uploading' },
      data: { state: 'validating', offset: upload.size, progress: { phase: 'queued', bytesDone: 0, bytesTotal: Number(upload.size) } },
    });
    if (count !== 1) return false;
    await recordAudit(tx, actor, {
      action: 'app.upload.complete', target: { type: 'upload', id: upload.id },
      data: { appId: upload.appId, version: upload.version, filename: upload.filename, size: Number(upload.size) }, requestId,
    });
    return true;
  });
}

/** Cancels an upload in progress (audited); 409 once it is complete. The caller removes the staged file. */
export async function cancelUpload(db: DbClient, actor: TActor, uploadId: string, requestId?: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const upload = await findTenantUpload(tx, actor.tenant.id, uploadId);
    const { count } = await tx.upload.updateMany({ where: { id: upload.id, state: 'uploading' }, data: { state: 'cancelled', error: 'Cancelled by the uploader' } });
    if (count !== 1) throw new AppError('conflict', `Upload ${uploadId} is ${upload.state}; only an upload in progress can be cancelled`);
    await recordAudit(tx, actor, { action: 'app.upload.cancel', target: { type: 'upload', id: upload.id }, data: { appId: upload.appId, version: upload.version, offset: Number(upload.offset) }, requestId });
  });
}

/** The uploads of one of the tenant's apps, newest first (cursor pagination). */
export async function listUploads(db: DbClient, tenantId: string, appId: string, query: TPageQuery): Promise<{ items: TUpload[]; nextCursor: string | null }> {
  const app = await findTenantApp(db, tenantId, appId);
  const rows = await db.upload.findMany({
    where: { appId: app.id, tenantId, ...afterCursor(query.cursor) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toUpload), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

/** One upload of one of the tenant's apps; 404 otherwise. */
export async function getUpload(db: DbClient, tenantId: string, appId: string, uploadId: string): Promise<TUpload> {
  const upload = await db.upload.findFirst({ where: { id: uploadId, appId, tenantId } });
  if (!upload) throw notFoundInTenant('upload', uploadId, { appId: appId });
  return toUpload(upload);
}
