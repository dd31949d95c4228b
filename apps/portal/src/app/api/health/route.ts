import { healthRoute } from '@/server/routes';

export const dynamic = 'force-dynamic';
export const GET = healthRoute.handle;
