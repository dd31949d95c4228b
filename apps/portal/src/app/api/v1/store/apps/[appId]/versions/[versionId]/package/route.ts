import { downloadPackageRoute } from '@/server/routes';

export const GET = downloadPackageRoute.handle;
