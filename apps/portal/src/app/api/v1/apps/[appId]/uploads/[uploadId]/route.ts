import { getUploadRoute } from '@/server/routes';

export const GET = getUploadRoute.handle;
