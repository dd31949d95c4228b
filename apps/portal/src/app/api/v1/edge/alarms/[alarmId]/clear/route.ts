import { clearAlarmRoute } from '@/server/routes';

export const POST = clearAlarmRoute.handle;
