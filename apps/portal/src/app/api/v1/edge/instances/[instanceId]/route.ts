import { getInstanceRoute } from '@/server/routes';

export const GET = getInstanceRoute.handle;
