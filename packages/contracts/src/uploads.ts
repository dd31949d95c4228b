/**
 * Package uploads as the developer workspace reads them (`/api/v1/apps/{appId}/uploads/...`) and
 * the tus endpoint's metadata (`/api/v1/uploads`, Upload-Metadata keys `appId`, `version`,
 * `filename`).
 *
 * @example ZUploadMetadata.parse({ appId: '5b0c…', version: '1.0.0', filename: 'hello.csar' });
 */
import { z } from 'zod';
import { ZPage, ZPageQuery } from './pagination';
import { ZAppVersionName, ZValidationCheck } from './store-app';

export const UPLOAD_STATES = ['uploading', 'validating', 'validated', 'failed', 'cancelled'] as const;
export const ZUploadState = z.enum(UPLOAD_STATES).describe('uploading -> validating -> validated | failed; uploading -> cancelled');
export type TUploadState = z.infer<typeof ZUploadState>;

/** A file name as a client may send it: no path separators or control characters. */
export const ZUploadFilename = z.string().min(1).max(255).regex(/^[^/\\\u0000-\u001f\u007f]+$/, 'a file name without slashes or control characters');

/** The tus Upload-Metadata the endpoint requires. */
export const ZUploadMetadata = z.object({
  appId: z.string().uuid(),
  version: ZAppVersionName,
  filename: ZUploadFilename,
});
export type TUploadMetadata = z.infer<typeof ZUploadMetadata>;

export const UPLOAD_PHASES = ['upload', 'queued', 'package', 'entries', 'signature', 'store', 'done'] as const;
export const ZUploadProgress = z.object({
  phase: z.enum(UPLOAD_PHASES),
  bytesDone: z.number().int().min(0),
  bytesTotal: z.number().int().min(0),
});
export type TUploadProgress = z.infer<typeof ZUploadProgress>;

export const ZUploadReport = z.object({
  checks: z.array(ZValidationCheck),
  summary: z.object({ pass: z.number().int(), warn: z.number().int(), fail: z.number().int() }),
});
export type TUploadReport = z.infer<typeof ZUploadReport>;

export const ZUpload = z
  .object({
    id: z.string().uuid().describe('The tus upload id'),
    appId: z.string().uuid(),
    version: z.string(),
    filename: z.string(),
    size: z.number().int().min(0).describe('Bytes'),
    offset: z.number().int().min(0).describe('Bytes received'),
    state: ZUploadState,
    progress: ZUploadProgress.nullable().describe('Upload or validation progress'),
    report: ZUploadReport.nullable().describe('The validation report, once validation ran'),
    versionId: z.string().uuid().nullable().describe('The version the package became'),
    error: z.string().nullable(),
    createdAt: z.string().datetime({ offset: true }),
    updatedAt: z.string().datetime({ offset: true }),
  })
  .meta({ id: 'Upload' });
export type TUpload = z.infer<typeof ZUpload>;
export const ZUploadPage = ZPage(ZUpload).meta({ id: 'UploadPage' });
export type TUploadPage = z.infer<typeof ZUploadPage>;

export const ZUploadListQuery = ZPageQuery;
export const ZAppUploadParams = z.object({ appId: z.string().uuid(), uploadId: z.string().uuid() });
export const ZUploadParams = z.object({ uploadId: z.string().uuid() });
