import { createAppRoute, listAppsRoute } from '@/server/routes';

export const GET = listAppsRoute.handle;
export const POST = createAppRoute.handle;
