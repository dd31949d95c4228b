/**
 * Serves one tile of a local PMTiles archive (`MECPORT_MAP_TILE_URL=pmtiles:<path>`) at
 * `/edge-map/pmtiles/{z}/{x}/{y}`: the tile's bytes with the Content-Type the archive's header
 * names, a strong ETag of the bytes (a browser revalidates with a 304), and a problem+json 404 for
 * a tile the archive does not hold. The archive is read with the `pmtiles` package, which caches
 * its header and directories; one reader per archive path for the process.
 *
 * @example await pmtilesTileResponse(request, { z: '0', x: '0', y: '0' }, '/srv/maps/world.pmtiles')
 */
import { createHash } from 'node:crypto';
import { AppError } from '@mecport/contracts';
import { errorToResponse, etagMatches, requestIdOf } from '@mecport/http';
import { PMTiles, type TileType } from 'pmtiles';
import { z } from 'zod';
import { NodeFileSource } from './node-file-source';
import { rasterContentType } from './pmtiles-archive-check';

/** PMTiles tile ids address zoom levels up to 26 (the package refuses deeper ones). */
const MAX_ZOOM = 26;
const ZTileCoordinate = z.string().regex(/^\d{1,9}$/, 'must be a non-negative integer').transform(Number);
const ZTileParams = z.object({ z: ZTileCoordinate, x: ZTileCoordinate, y: ZTileCoordinate });
export type TTileParams = z.input<typeof ZTileParams>;

const readers = new Map<string, PMTiles>();

function readerOf(archive: string): PMTiles {
  let reader = readers.get(archive);
  if (!reader) {
    reader = new PMTiles(new NodeFileSource(archive));
    readers.set(archive, reader);
  }
  return reader;
}

export async function pmtilesTileResponse(request: Request, params: TTileParams, archive: string): Promise<Response> {
  const context = { requestId: requestIdOf(request), instance: new URL(request.url).pathname };
  const parsed = ZTileParams.safeParse(params);
  if (!parsed.success) {
    return errorToResponse(new AppError('validation', 'z, x and y must be non-negative integers'), context);
  }
  const { z: zoom, x, y } = parsed.data;
  const reader = readerOf(archive);
  const bytes = inTileGrid(zoom, x, y) ? (await reader.getZxy(zoom, x, y, request.signal))?.data : undefined;
  if (!bytes) return errorToResponse(new AppError('not-found', `The map archive holds no tile ${zoom}/${x}/${y}`), context);

  const etag = `"${createHash('sha256').update(new Uint8Array(bytes)).digest('base64url').slice(0, 27)}"`;
  const headers = new Headers({ etag, 'cache-control': 'public, max-age=86400' });
  if (etagMatches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  const { tileType } = await reader.getHeader();
  headers.set('content-type', rasterContentType(tileType as TileType) ?? 'application/octet-stream');
  return new Response(bytes, { headers });
}

function inTileGrid(zoom: number, x: number, y: number): boolean {
  return zoom <= MAX_ZOOM && x < 2 ** zoom && y < 2 ** zoom;
}
