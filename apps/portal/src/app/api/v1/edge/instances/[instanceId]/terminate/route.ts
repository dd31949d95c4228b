import { terminateInstanceRoute } from '@/server/routes';

export const POST = terminateInstanceRoute.handle;
