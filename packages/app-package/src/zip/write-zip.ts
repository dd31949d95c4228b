/**
 * Writes a ZIP with yazl, streaming every file (nothing is held whole), and returns the
 * archive's size and sha256 computed on the way to disk.
 *
 * @example await writeZip('out.csar', [{ name: 'TOSCA-Metadata/TOSCA.meta', buffer }, { name: 'Files/img.qcow2', path: '/src/img.qcow2', compress: false }])
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

export type TZipInput =
  | { name: string; buffer: Buffer; compress?: boolean }
  | { name: string; path: string; compress?: boolean }
  | { name: string; stream: () => Readable; size: number; compress?: boolean }
  | { name: string; directory: true };

/** Already-compressed formats: stored, not deflated again. */
export const STORED_EXTENSIONS = /\.(tgz|gz|zip|csar|bz2|xz|zst|7z|jar|qcow2|img|iso|vmdk|vhd|vhdx|ova|png|jpe?g|mp4)$/i;

export async function writeZip(out: string, inputs: TZipInput[], mtime = new Date()): Promise<{ size: number; sha256: string }> {
  const zip = new yazl.ZipFile();
  for (const input of inputs) {
    if ('directory' in input) { zip.addEmptyDirectory(input.name, { mtime }); continue; }
    const compress = input.compress ?? !STORED_EXTENSIONS.test(input.name);
    if ('buffer' in input) zip.addBuffer(input.buffer, input.name, { mtime, compress, mode: 0o100644 });
    else if ('path' in input) zip.addFile(input.path, input.name, { mtime, compress, mode: 0o100644 });
    else zip.addReadStreamLazy(input.name, { mtime, compress, size: input.size, mode: 0o100644 }, (cb) => cb(null, input.stream()));
  }
  zip.end();
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  await pipeline(zip.outputStream, tap, createWriteStream(out));
  return { size, sha256: hash.digest('hex') };
}
