import { acknowledgeAlarmRoute } from '@/server/routes';

export const POST = acknowledgeAlarmRoute.handle;
