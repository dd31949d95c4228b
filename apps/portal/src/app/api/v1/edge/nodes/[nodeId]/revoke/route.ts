import { revokeNodeRoute } from '@/server/routes';

export const POST = revokeNodeRoute.handle;
