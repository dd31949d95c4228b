// The portal serving a local PMTiles archive (MECPORT_MAP_TILE_URL=pmtiles:<path>, issue 10 item 10):
// tiny archives written to a temp dir by src/testing/pmtiles-archive-writer.ts, read back through
// the tile route, and wrong files refused by the configuration check.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Compression, TileType } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pmtilesArchiveBytes, writePmtilesArchive } from '@/testing/pmtiles-archive-writer';
import { browserTileUrl, PMTILES_TILE_URL, pmtilesSettingProblem } from './pmtiles-setting';
import { pmtilesTileResponse } from './pmtiles-tile-response';

// Two distinct 1x1 PNGs: the whole world at z0, and the north-east quarter at z1.
const WORLD_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const NORTH_EAST_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const JPEG_BYTES = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);

let dir: string;
let pngArchive: string;
let jpegArchive: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mecport-pmtiles-'));
  pngArchive = path.join(dir, 'world.pmtiles');
  await writePmtilesArchive(pngArchive, { tileType: TileType.Png, tiles: [
    { z: 1, x: 1, y: 0, bytes: NORTH_EAST_PNG },
    { z: 0, x: 0, y: 0, bytes: WORLD_PNG },
  ] });
  jpegArchive = path.join(dir, 'photo.pmtiles');
  await writePmtilesArchive(jpegArchive, { tileType: TileType.Jpeg, tiles: [{ z: 0, x: 0, y: 0, bytes: JPEG_BYTES }] });
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

function tileRequest(z: string, x: string, y: string, headers?: Record<string, string>) {
  return pmtilesTileResponse(new Request(`http://portal.test/edge-map/pmtiles/${z}/${x}/${y}`, { headers }), { z, x, y }, pngArchive);
}

describe('pmtilesTileResponse', () => {
  it('answers each tile with its own bytes, the archive\'s Content-Type and an ETag', async () => {
    const world = await tileRequest('0', '0', '0');
    expect(world.status).toBe(200);
    expect(world.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await world.arrayBuffer())).toEqual(WORLD_PNG);
    const quarter = await tileRequest('1', '1', '0');
    expect(Buffer.from(await quarter.arrayBuffer())).toEqual(NORTH_EAST_PNG);
    expect(world.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(quarter.headers.get('etag')).not.toBe(world.headers.get('etag'));
  });

  it('answers 304 with no body when the browser holds the tile already', async () => {
    const etag = (await tileRequest('0', '0', '0')).headers.get('etag')!;
    const again = await tileRequest('0', '0', '0', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('takes the Content-Type from the archive header', async () => {
    const response = await pmtilesTileResponse(new Request('http://portal.test/edge-map/pmtiles/0/0/0'), { z: '0', x: '0', y: '0' }, jpegArchive);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(JPEG_BYTES);
  });

  it('reads an archive whose directories are gzip-compressed, as `pmtiles convert` writes them', async () => {
    const gzipped = path.join(dir, 'gzipped.pmtiles');
    await writePmtilesArchive(gzipped, { tileType: TileType.Png, internalCompression: Compression.Gzip, tiles: [
      { z: 0, x: 0, y: 0, bytes: WORLD_PNG }, { z: 1, x: 1, y: 0, bytes: NORTH_EAST_PNG },
    ] });
    expect(pmtilesSettingProblem(`pmtiles:${gzipped}`)).toBeUndefined();
    const response = await pmtilesTileResponse(new Request('http://portal.test/edge-map/pmtiles/1/1/0'), { z: '1', x: '1', y: '0' }, gzipped);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(NORTH_EAST_PNG);
  });

  it.each([
    ['a tile the archive does not hold', '1', '0', '1'],
    ['a zoom deeper than the archive', '5', '3', '3'],
    ['a tile outside its zoom level', '1', '2', '0'],
    ['a zoom no tile id can address', '30', '0', '0'],
  ])('answers a problem+json 404 for %s', async (_, z, x, y) => {
    const response = await tileRequest(z, x, y);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers 400 for coordinates that are not integers', async () => {
    const response = await tileRequest('0', '0', '0.png');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('the pmtiles: setting', () => {
  it('sends the browser the portal\'s own tile route, and other settings unchanged', () => {
    expect(browserTileUrl(`pmtiles:${pngArchive}`)).toBe(PMTILES_TILE_URL);
    expect(browserTileUrl('none')).toBe('none');
    expect(browserTileUrl('https://tiles.example/{z}/{x}/{y}.png')).toBe('https://tiles.example/{z}/{x}/{y}.png');
  });

  it('accepts a PMTiles v3 archive of raster tiles, and settings that name no archive', () => {
    expect(pmtilesSettingProblem(`pmtiles:${pngArchive}`)).toBeUndefined();
    expect(pmtilesSettingProblem('none')).toBeUndefined();
    expect(pmtilesSettingProblem('/edge-map/tiles/{z}/{x}/{y}.png')).toBeUndefined();
  });

  it('refuses a file that is not a PMTiles archive, saying so', async () => {
    const notAnArchive = path.join(dir, 'world.mbtiles');
    await writeFile(notAnArchive, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(200)]));
    expect(pmtilesSettingProblem(`pmtiles:${notAnArchive}`)).toMatch(/world\.mbtiles is not a usable PMTiles archive: .*magic number/);
  });

  it('refuses a missing file, a short file, another spec version, vector tiles and a relative path', async () => {
    expect(pmtilesSettingProblem(`pmtiles:${dir}/missing.pmtiles`)).toMatch(/missing\.pmtiles .*no such file/);
    const short = path.join(dir, 'short.pmtiles');
    await writeFile(short, 'PMTiles\x03');
    expect(pmtilesSettingProblem(`pmtiles:${short}`)).toMatch(/8 bytes, less than a PMTiles header/);
    const v2 = path.join(dir, 'v2.pmtiles');
    await writeFile(v2, pmtilesArchiveBytes({ tileType: TileType.Png, tiles: [{ z: 0, x: 0, y: 0, bytes: WORLD_PNG }], specVersion: 2 }));
    expect(pmtilesSettingProblem(`pmtiles:${v2}`)).toMatch(/spec version 2/);
    const vector = path.join(dir, 'vector.pmtiles');
    await writePmtilesArchive(vector, { tileType: TileType.Mvt, tiles: [{ z: 0, x: 0, y: 0, bytes: Buffer.from([0x1a, 0]) }] });
    expect(pmtilesSettingProblem(`pmtiles:${vector}`)).toMatch(/vector \(MVT\) tiles; the edge map draws raster tiles only/);
    expect(pmtilesSettingProblem('pmtiles:maps/world.pmtiles')).toMatch(/absolute path/);
    const brotli = path.join(dir, 'brotli.pmtiles');
    await writePmtilesArchive(brotli, { tileType: TileType.Png, internalCompression: Compression.Brotli, tiles: [{ z: 0, x: 0, y: 0, bytes: WORLD_PNG }] });
    expect(pmtilesSettingProblem(`pmtiles:${brotli}`)).toMatch(/directories are compressed with brotli; the portal reads uncompressed or gzip/);
  });
});

describe('the portal configured with MECPORT_MAP_TILE_URL=pmtiles:<path>', () => {
  async function freshModules(setting: string) {
    vi.resetModules();
    vi.stubEnv('MECPORT_MAP_TILE_URL', setting);
    return {
      env: await import('@/env'),
      config: await import('@/server/public-config'),
      route: await import('@/app/edge-map/pmtiles/[z]/[x]/[y]/route'),
    };
  }
  afterAll(() => { vi.unstubAllEnvs(); });

  it('serves the archive at the route the browser is given', async () => {
    const { config, route } = await freshModules(`pmtiles:${pngArchive}`);
    expect(config.publicMapConfig().tileUrl).toBe('/edge-map/pmtiles/{z}/{x}/{y}');
    const response = await route.GET(new Request('http://portal.test/edge-map/pmtiles/1/1/0'), { params: Promise.resolve({ z: '1', x: '1', y: '0' }) });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(NORTH_EAST_PNG);
  });

  it('refuses to start on a file that is not a PMTiles archive', async () => {
    const { env } = await freshModules(`pmtiles:${dir}/missing.pmtiles`);
    expect(() => env.portalEnv()).toThrow(/MECPORT_MAP_TILE_URL: .*missing\.pmtiles is not a usable PMTiles archive: no such file/);
  });

  it('has no archive to serve when the setting names none', async () => {
    const { route } = await freshModules('none');
    const response = await route.GET(new Request('http://portal.test/edge-map/pmtiles/0/0/0'), { params: Promise.resolve({ z: '0', x: '0', y: '0' }) });
    expect(response.status).toBe(404);
  });
});
