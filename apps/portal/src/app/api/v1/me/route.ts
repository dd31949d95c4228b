import { getMeRoute } from '@/server/routes';

export const GET = getMeRoute.handle;
