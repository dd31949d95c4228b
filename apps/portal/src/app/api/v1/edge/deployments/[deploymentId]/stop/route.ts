import { stopDeploymentRoute } from '@/server/routes';

export const POST = stopDeploymentRoute.handle;
