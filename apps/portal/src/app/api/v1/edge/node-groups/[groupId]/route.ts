import { deleteNodeGroupRoute } from '@/server/routes';

export const DELETE = deleteNodeGroupRoute.handle;
