import { addCommentRoute, listCommentsRoute } from '@/server/routes';

export const GET = listCommentsRoute.handle;
export const POST = addCommentRoute.handle;
