import { deprecateVersionRoute } from '@/server/routes';

export const POST = deprecateVersionRoute.handle;
