import { getDeploymentRoute } from '@/server/routes';

export const GET = getDeploymentRoute.handle;
