/**
 * The tiles of the local PMTiles archive that `MECPORT_MAP_TILE_URL=pmtiles:<path>` names: see
 * server/pmtiles/. With any other setting there is no archive, and every tile is a 404.
 */
import { AppError } from '@mecport/contracts';
import { errorToResponse, requestIdOf } from '@mecport/http';
import { portalEnv } from '@/env';
import { archivePathOf } from '@/server/pmtiles/pmtiles-setting';
import { pmtilesTileResponse, type TTileParams } from '@/server/pmtiles/pmtiles-tile-response';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<TTileParams> }): Promise<Response> {
  const archive = archivePathOf(portalEnv().MECPORT_MAP_TILE_URL);
  if (archive === undefined) {
    return errorToResponse(new AppError('not-found', 'No PMTiles archive is configured (MECPORT_MAP_TILE_URL=pmtiles:<path>)'), { requestId: requestIdOf(request) });
  }
  return pmtilesTileResponse(request, await params, archive);
}
