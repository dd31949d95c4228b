import { listAlarmsRoute } from '@/server/routes';

export const GET = listAlarmsRoute.handle;
