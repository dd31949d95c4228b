import { exportNodesRoute } from '@/server/routes';

export const dynamic = 'force-dynamic';
export const GET = exportNodesRoute.handle;
