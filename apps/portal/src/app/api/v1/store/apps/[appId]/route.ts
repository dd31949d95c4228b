import { getStoreAppRoute } from '@/server/routes';

export const GET = getStoreAppRoute.handle;
