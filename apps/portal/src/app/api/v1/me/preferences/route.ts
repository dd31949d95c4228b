import { putPreferencesRoute } from '@/server/routes';

export const PUT = putPreferencesRoute.handle;
