import { nodeReportRoute } from '@/server/routes';

export const POST = nodeReportRoute.handle;
