/** The built-in basemap (country and province outlines) the edge map draws without tiles: see server/basemap.ts. */
import { basemapResponse } from '@/server/basemap';

export const dynamic = 'force-dynamic';
export const GET = basemapResponse;
