import { putRatingRoute } from '@/server/routes';

export const PUT = putRatingRoute.handle;
