/** Upload rows to the contracts' ZUpload shape. */
import { ZUploadProgress, ZUploadReport, type TUpload, type TUploadState } from '@mecport/contracts';

export interface TUploadRow {
  id: string; appId: string; version: string; filename: string; size: bigint; offset: bigint; state: string; progress: unknown; report: unknown;
  versionId: string | null; error: string | null; createdAt: Date; updatedAt: Date;
}

export function toUpload(row: TUploadRow): TUpload {
  const progress = ZUploadProgress.safeParse(row.progress);
  const report = ZUploadReport.safeParse(row.report);
  return {
    id: row.id, appId: row.appId, version: row.version, filename: row.filename, size: Number(row.size), offset: Number(row.offset), state: row.state as TUploadState,
    progress: progress.success ? progress.data : null, report: report.success ? report.data : null,
    versionId: row.versionId, error: row.error, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}
