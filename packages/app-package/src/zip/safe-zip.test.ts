import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PackageRefusedError } from '../errors';
import { CHUNK_BYTES } from '../hash/read-range';
import { resolveLimits } from '../limits';
import { CheckList } from '../report';
import { rawZip } from '../testing/raw-zip';
import { SafeZip, type TZipSource } from './safe-zip';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'app-package-safe-zip-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stored = randomBytes(2 * CHUNK_BYTES + 99);
const deflated = Buffer.from('deflate me '.repeat(5000));
const archive = rawZip([{ name: 'a.txt', data: Buffer.from('a') }, { name: 'big.img', data: stored }, { name: 'text.txt', data: deflated, method: 8 }]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function opened(source: TZipSource, limits = {}): Promise<SafeZip> {
  const checks = new CheckList();
  const zip = await SafeZip.open(source, resolveLimits(limits), checks);
  expect(checks.items.filter((c) => c.status === 'fail')).toEqual([]);
  return zip!;
}

describe('SafeZip.digest', () => {
  it('hashes stored and deflated entries alike from a file, a byte range of a file and a buffer', async () => {
    const path = join(dir, 'plain.zip');
    writeFileSync(path, archive);
    const prefix = randomBytes(1000); // a stored inner archive sits at an offset of its envelope
    const nested = join(dir, 'nested.bin');
    writeFileSync(nested, Buffer.concat([prefix, archive, randomBytes(50)]));
    for (const source of [{ path }, { path: nested, offset: prefix.length, length: archive.length }, { buffer: archive }] as TZipSource[]) {
      const zip = await opened(source);
      try {
        let counted = 0;
        expect(await zip.digest(zip.file('big.img')!, 'sha256', (n) => { counted += n; })).toBe(sha(stored));
        expect(counted).toBe(stored.length);
        expect(await zip.digest(zip.file('text.txt')!, 'sha256')).toBe(sha(deflated));
        expect(await zip.digest(zip.file('a.txt')!, 'sha512')).toBe(createHash('sha512').update('a').digest('hex'));
      } finally {
        zip.close();
      }
    }
  });

  it('refuses a stored entry over maxBytes, and one whose data runs past the end of the archive', async () => {
    const path = join(dir, 'plain.zip');
    writeFileSync(path, archive);
    const zip = await opened({ path });
    await expect(zip.digest(zip.file('big.img')!, 'sha256', undefined, 1000)).rejects.toMatchObject({ checkId: 'zip.entry-size' });
    zip.close();

    // Both sizes declare 10 MB (so listing accepts them), but the file holds one byte.
    const liar = join(dir, 'liar.zip');
    writeFileSync(liar, rawZip([{ name: 'tail.img', data: Buffer.from('x'), declaredSize: 10_000_000 }]));
    const lying = await opened({ path: liar });
    const refused = await lying.digest(lying.file('tail.img')!, 'sha256').catch((error: unknown) => error);
    lying.close();
    expect(refused).toBeInstanceOf(PackageRefusedError);
    expect(refused).toMatchObject({ checkId: 'zip.open' });
    expect((refused as Error).message).toMatch(/tail\.img: file data overflows file bounds/);
  });
});
