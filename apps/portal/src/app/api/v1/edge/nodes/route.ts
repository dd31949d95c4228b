import { createNodeRoute, listNodesRoute } from '@/server/routes';

export const GET = listNodesRoute.handle;
export const POST = createNodeRoute.handle;
