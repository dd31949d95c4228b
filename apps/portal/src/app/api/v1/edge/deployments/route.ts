import { createDeploymentRoute, listDeploymentsRoute } from '@/server/routes';

export const GET = listDeploymentsRoute.handle;
export const POST = createDeploymentRoute.handle;
