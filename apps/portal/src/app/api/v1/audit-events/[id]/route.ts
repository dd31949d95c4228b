import { getAuditEventRoute } from '@/server/routes';

export const GET = getAuditEventRoute.handle;
