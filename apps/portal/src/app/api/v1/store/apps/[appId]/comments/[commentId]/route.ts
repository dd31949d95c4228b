import { deleteCommentRoute } from '@/server/routes';

export const DELETE = deleteCommentRoute.handle;
