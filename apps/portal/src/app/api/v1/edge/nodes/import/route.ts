import { importNodesRoute } from '@/server/routes';

export const POST = importNodesRoute.handle;
