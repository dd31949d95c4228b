import { listUploadsRoute } from '@/server/routes';

export const GET = listUploadsRoute.handle;
