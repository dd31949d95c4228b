import { createUploadRoute, uploadOptions } from '@/server/routes';

export const POST = createUploadRoute.handle;
export const OPTIONS = uploadOptions;
