/**
 * Reads and checks a PMTiles archive's 127-byte header (spec v3) synchronously, so the portal's
 * configuration can refuse a wrong file when it is parsed, with a message that names the problem.
 * The header fields are decoded by the `pmtiles` package; this file only checks them.
 *
 * @example readArchiveFacts('/srv/maps/world.pmtiles') -> { contentType: 'image/png', tileTypeName: 'png' }
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { bytesToHeader, Compression, TileType } from 'pmtiles';

const HEADER_BYTES = 127;
const MAGIC = 'PMTiles';
const SPEC_VERSION = 3;

/** The raster tile types a browser can draw, with the Content-Type each is served with. */
const RASTER_CONTENT_TYPES: Partial<Record<TileType, string>> = {
  [TileType.Png]: 'image/png',
  [TileType.Jpeg]: 'image/jpeg',
  [TileType.Webp]: 'image/webp',
  [TileType.Avif]: 'image/avif',
};
const READABLE_COMPRESSIONS = new Set<Compression>([Compression.Unknown, Compression.None, Compression.Gzip]);
const COMPRESSION_NAMES: Record<Compression, string> = {
  [Compression.Unknown]: 'unknown', [Compression.None]: 'none', [Compression.Gzip]: 'gzip', [Compression.Brotli]: 'brotli', [Compression.Zstd]: 'zstd',
};
const TILE_TYPE_NAMES: Record<TileType, string> = {
  [TileType.Unknown]: 'unknown', [TileType.Mvt]: 'vector (MVT)', [TileType.Png]: 'png', [TileType.Jpeg]: 'jpeg',
  [TileType.Webp]: 'webp', [TileType.Avif]: 'avif', [TileType.Mlt]: 'vector (MLT)',
};

/** The Content-Type of a raster tile type; undefined for tiles a browser's image layer cannot draw. */
export function rasterContentType(tileType: TileType): string | undefined {
  return RASTER_CONTENT_TYPES[tileType];
}

export interface TArchiveFacts {
  /** The raster tiles' Content-Type; undefined for tiles the edge map cannot draw. */
  contentType: string | undefined;
  tileTypeName: string;
}

/**
 * Throws an Error saying what is wrong when the file is missing, short, not a PMTiles v3 archive,
 * or compressed in a way the `pmtiles` package cannot undo (it decompresses gzip only).
 */
export function readArchiveFacts(file: string): TArchiveFacts {
  const bytes = readHead(file);
  if (bytes.length < HEADER_BYTES) throw new Error(`the file has ${bytes.length} bytes, less than a PMTiles header (${HEADER_BYTES})`);
  if (bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('the file does not start with the PMTiles magic number');
  if (bytes[7] !== SPEC_VERSION) throw new Error(`the archive is PMTiles spec version ${bytes[7]}; the portal reads version ${SPEC_VERSION}`);
  const header = bytesToHeader(new Uint8Array(bytes).buffer);
  for (const [part, compression] of [['directories', header.internalCompression], ['tiles', header.tileCompression]] as const) {
    if (!READABLE_COMPRESSIONS.has(compression)) {
      throw new Error(`its ${part} are compressed with ${COMPRESSION_NAMES[compression] ?? `method ${compression}`}; the portal reads uncompressed or gzip archives`);
    }
  }
  const tileType = header.tileType as TileType;
  return {
    contentType: rasterContentType(tileType),
    tileTypeName: TILE_TYPE_NAMES[tileType] ?? `type ${tileType}`,
  };
}

function readHead(file: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? 'no such file' : `cannot open it (${code ?? String(error)})`, { cause: error });
  }
  try {
    const bytes = Buffer.alloc(HEADER_BYTES);
    const read = readSync(fd, bytes, 0, HEADER_BYTES, 0);
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
