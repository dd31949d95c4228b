import { deleteVersionRoute } from '@/server/routes';

export const DELETE = deleteVersionRoute.handle;
