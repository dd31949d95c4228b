import { publishVersionRoute } from '@/server/routes';

export const POST = publishVersionRoute.handle;
