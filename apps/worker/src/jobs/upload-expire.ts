/**
 * `upload.expire`, hourly: uploads nobody touched for UPLOAD_EXPIRY_HOURS are cancelled and their
 * staged bytes deleted, with staged files that belong to no live upload (core `expireIdleUploads`).
 * Hourly rather than daily so an abandoned multi-GiB upload does not hold its disk for a day extra.
 */
import type { TJobPayload } from '@mecport/contracts';
import { expireIdleUploads } from '@mecport/core';
import type { DbClient } from '@mecport/db';

export const UPLOAD_EXPIRE_CRON = '41 * * * *';

export async function runUploadExpiry({ maxIdleHours }: TJobPayload<'upload.expire'>, deps: { prisma: DbClient; uploadsDir: string }) {
  const { expired, orphans } = await expireIdleUploads({ db: deps.prisma, uploadsDir: deps.uploadsDir }, { maxIdleMs: maxIdleHours * 3_600_000 });
  return { expired: expired.length, orphans: orphans.length };
}
