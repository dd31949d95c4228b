import { appendUploadRoute, cancelUploadRoute, headUpload, uploadOptions } from '@/server/routes';

export const HEAD = headUpload;
export const PATCH = appendUploadRoute.handle;
export const DELETE = cancelUploadRoute.handle;
export const OPTIONS = uploadOptions;
