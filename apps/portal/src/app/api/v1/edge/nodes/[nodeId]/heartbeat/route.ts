import { heartbeatRoute } from '@/server/routes';

export const POST = heartbeatRoute.handle;
