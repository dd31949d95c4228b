import { desiredStateRoute } from '@/server/routes';

export const dynamic = 'force-dynamic';
export const GET = desiredStateRoute.handle;
