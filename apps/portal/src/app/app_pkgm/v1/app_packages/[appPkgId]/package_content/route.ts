import { mec010GetAppPackageContent } from '@/server/routes';

export const GET = mec010GetAppPackageContent;
