import { listVersionsRoute } from '@/server/routes';

export const GET = listVersionsRoute.handle;
