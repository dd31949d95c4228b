/**
 * What the edge map draws under its markers (issue 10): the operator's tiles when
 * MECPORT_MAP_TILE_URL names a tile server that answers, else the built-in outlines
 * (`/edge-map/basemap.json`) with a notice saying why.
 *
 * Before any tile layer is added, one tile (the whole world, z0) is probed: a dead or failing
 * server then costs the browser one failed request instead of a screenful (twenty console errors
 * per load, issue 10), and the map falls back at once.
 */

/** `outlines`: built-in outlines only; `probing`: asking the tile server for one tile; `tiles`: the tile layer. */
export type TBasemapMode = 'probing' | 'tiles' | 'outlines';
/** Why the outlines are shown: no tile server configured, or the tiles failed. */
export type TBasemapReason = 'none' | 'tiles-failed';

export const BASEMAP_URL = '/edge-map/basemap.json';
/** A tile server that has not answered the probe by then is treated as failing. */
export const PROBE_TIMEOUT_MS = 8_000;

export function noTileServer(tileUrl: string): boolean {
  return tileUrl.trim() === '' || tileUrl.trim().toLowerCase() === 'none';
}

export function initialMode(tileUrl: string): TBasemapMode {
  return noTileServer(tileUrl) ? 'outlines' : 'probing';
}

/** The URL of the z0 tile (the whole world) of a Leaflet tile URL template. */
export function probeUrl(template: string): string {
  return template.replace(/\{z\}/g, '0').replace(/\{x\}/g, '0').replace(/\{-?y\}/g, '0').replace(/\{s\}/g, 'a').replace(/\{r\}/g, '');
}

/**
 * The maps' deepest zoom, set on the map itself: the marker clusters need one before any tile
 * layer exists (a tile layer used to bring Leaflet's default of 18, and while probing there is none).
 */
export const MAX_ZOOM = 18;
