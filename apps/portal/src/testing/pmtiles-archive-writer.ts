/**
 * Writes a tiny PMTiles v3 archive for tests (spec v3: a 127-byte header, a root directory of
 * varint-encoded entries (uncompressed or gzip), JSON metadata, then the tile data; tiles
 * uncompressed, no leaf directories). Test-only: real archives come from tools such as `pmtiles convert` or planetiler.
 *
 * @example await writePmtilesArchive(file, { tileType: TileType.Png, tiles: [{ z: 0, x: 0, y: 0, bytes: png }] })
 */
import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { Compression, TileType, zxyToTileId } from 'pmtiles';

export interface TTestTile { z: number; x: number; y: number; bytes: Uint8Array }
export interface TTestArchive {
  tileType: TileType;
  tiles: TTestTile[];
  specVersion?: number;
  /** How the root directory is compressed (`pmtiles convert` writes gzip); only the header says so for brotli. */
  internalCompression?: Compression;
}

const HEADER_BYTES = 127;

export async function writePmtilesArchive(file: string, archive: TTestArchive): Promise<void> {
  await writeFile(file, pmtilesArchiveBytes(archive));
}

export function pmtilesArchiveBytes({ tileType, tiles, specVersion = 3, internalCompression = Compression.None }: TTestArchive): Buffer {
  const sorted = tiles.map((t) => ({ ...t, tileId: zxyToTileId(t.z, t.x, t.y) })).sort((a, b) => a.tileId - b.tileId);
  const plainDirectory = rootDirectory(sorted.map((t) => ({ tileId: t.tileId, length: t.bytes.length })));
  const directory = internalCompression === Compression.Gzip ? gzipSync(plainDirectory) : plainDirectory;
  const metadata = Buffer.from('{}');
  const tileData = Buffer.concat(sorted.map((t) => t.bytes));
  const zooms = sorted.map((t) => t.z);

  const header = Buffer.alloc(HEADER_BYTES);
  header.write('PMTiles', 0, 'latin1');
  header.writeUInt8(specVersion, 7);
  const u64 = (offset: number, value: number) => header.writeBigUInt64LE(BigInt(value), offset);
  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + directory.length;
  const tileDataOffset = metadataOffset + metadata.length;
  u64(8, rootOffset); u64(16, directory.length);
  u64(24, metadataOffset); u64(32, metadata.length);
  u64(40, tileDataOffset); u64(48, 0); // no leaf directories
  u64(56, tileDataOffset); u64(64, tileData.length);
  u64(72, sorted.length); u64(80, sorted.length); u64(88, sorted.length);
  header.writeUInt8(1, 96); // clustered: tiles in tile-id order
  header.writeUInt8(internalCompression, 97);
  header.writeUInt8(Compression.None, 98);
  header.writeUInt8(tileType, 99);
  header.writeUInt8(Math.min(...zooms), 100);
  header.writeUInt8(Math.max(...zooms), 101);
  header.writeInt32LE(-180e7, 102); header.writeInt32LE(-85e7, 106);
  header.writeInt32LE(180e7, 110); header.writeInt32LE(85e7, 114);
  header.writeUInt8(Math.min(...zooms), 118); // centre zoom; centre lon/lat 0
  return Buffer.concat([header, directory, metadata, tileData]);
}

/** Columns of varints: entry count, tile-id deltas, run lengths, lengths, offsets (offset+1, or 0 when right after the previous tile). */
function rootDirectory(entries: { tileId: number; length: number }[]): Buffer {
  const out: number[] = [];
  varint(out, entries.length);
  entries.forEach((e, i) => varint(out, e.tileId - (i > 0 ? entries[i - 1]!.tileId : 0)));
  entries.forEach(() => varint(out, 1));
  entries.forEach((e) => varint(out, e.length));
  entries.forEach((_, i) => varint(out, i === 0 ? 1 : 0)); // the first tile starts the data section: offset 0, written as 0+1
  return Buffer.from(out);
}

function varint(out: number[], value: number): void {
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
}
