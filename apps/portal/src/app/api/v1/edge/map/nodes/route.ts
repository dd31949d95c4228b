import { mapNodesRoute } from '@/server/routes';

export const dynamic = 'force-dynamic';
export const GET = mapNodesRoute.handle;
