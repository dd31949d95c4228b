import { listInstancesRoute } from '@/server/routes';

export const GET = listInstancesRoute.handle;
