import { deleteNodeRoute, getNodeRoute, updateNodeRoute } from '@/server/routes';

export const GET = getNodeRoute.handle;
export const PATCH = updateNodeRoute.handle;
export const DELETE = deleteNodeRoute.handle;
