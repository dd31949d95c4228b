import { mec010GetAppPackageAppd } from '@/server/routes';

export const GET = mec010GetAppPackageAppd;
