/**
 * `MECPORT_MAP_TILE_URL=pmtiles:/absolute/path/world.pmtiles`: the portal serves that local
 * PMTiles archive's tiles itself, and the browser gets the portal's own tile route as its URL
 * template, so the edge map's probe, fallback and notice work as for any tile server.
 *
 * @example archivePathOf('pmtiles:/srv/maps/world.pmtiles') -> '/srv/maps/world.pmtiles'
 */
import path from 'node:path';
import { readArchiveFacts } from './pmtiles-archive-check';

const PREFIX = 'pmtiles:';
/** The portal route serving the archive (`app/edge-map/pmtiles/[z]/[x]/[y]/route.ts`), as a Leaflet template. */
export const PMTILES_TILE_URL = '/edge-map/pmtiles/{z}/{x}/{y}';

/** The archive's path when the setting names a PMTiles archive, else undefined (a tile URL or `none`). */
export function archivePathOf(setting: string): string | undefined {
  return setting.trim().toLowerCase().startsWith(PREFIX) ? setting.trim().slice(PREFIX.length) : undefined;
}

/** The tile URL template the browser gets for the setting. */
export function browserTileUrl(setting: string): string {
  return archivePathOf(setting) === undefined ? setting : PMTILES_TILE_URL;
}

/**
 * Why the setting cannot be used, for the start-up error; undefined when it is fine (a tile URL,
 * `none`, or a readable PMTiles v3 archive of raster tiles).
 */
export function pmtilesSettingProblem(setting: string): string | undefined {
  const file = archivePathOf(setting);
  if (file === undefined) return undefined;
  if (!path.isAbsolute(file)) return `MECPORT_MAP_TILE_URL=pmtiles:<path> needs an absolute path, got "${file}"`;
  try {
    const facts = readArchiveFacts(file);
    return facts.contentType ? undefined : `MECPORT_MAP_TILE_URL: ${file} holds ${facts.tileTypeName} tiles; the edge map draws raster tiles only (PNG, JPEG, WebP, AVIF)`;
  } catch (error) {
    return `MECPORT_MAP_TILE_URL: ${file} is not a usable PMTiles archive: ${(error as Error).message}`;
  }
}
