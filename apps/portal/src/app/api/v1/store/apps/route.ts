import { listCatalogRoute } from '@/server/routes';

export const GET = listCatalogRoute.handle;
