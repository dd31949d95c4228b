import { backchannelLogoutRoute } from '@/server/routes';

export const POST = backchannelLogoutRoute.handle;
