import { listAuditEventsRoute } from '@/server/routes';

export const GET = listAuditEventsRoute.handle;
