/**
 * Blank map tiles (a transparent 1x1 PNG that Leaflet stretches), for deployments with no tile
 * server and for the tests: `MECPORT_MAP_TILE_URL=/edge-map/tiles/{z}/{x}/{y}.png`.
 */
const BLANK_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

export function GET(): Response {
  return new Response(BLANK_PNG, { headers: { 'content-type': 'image/png', 'cache-control': 'public, max-age=86400' } });
}
