import { enrolRoute } from '@/server/routes';

export const POST = enrolRoute.handle;
