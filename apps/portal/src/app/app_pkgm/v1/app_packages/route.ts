import { mec010ListAppPackages } from '@/server/routes';

export const GET = mec010ListAppPackages;
