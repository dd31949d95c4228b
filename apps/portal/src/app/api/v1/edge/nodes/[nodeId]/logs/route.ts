import { instanceLogsRoute } from '@/server/routes';

export const POST = instanceLogsRoute.handle;
