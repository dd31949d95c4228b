import { getAppRoute, updateAppRoute } from '@/server/routes';

export const GET = getAppRoute.handle;
export const PATCH = updateAppRoute.handle;
