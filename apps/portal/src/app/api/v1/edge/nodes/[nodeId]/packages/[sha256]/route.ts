import { nodePackageRoute } from '@/server/routes';

export const dynamic = 'force-dynamic';
export const GET = nodePackageRoute.handle;
