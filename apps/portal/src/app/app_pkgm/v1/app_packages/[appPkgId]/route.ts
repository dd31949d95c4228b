import { mec010GetAppPackage } from '@/server/routes';

export const GET = mec010GetAppPackage;
