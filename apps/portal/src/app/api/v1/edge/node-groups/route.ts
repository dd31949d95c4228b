import { createNodeGroupRoute, listNodeGroupsRoute } from '@/server/routes';

export const GET = listNodeGroupsRoute.handle;
export const POST = createNodeGroupRoute.handle;
