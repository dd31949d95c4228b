/** The blob store on real files in a temporary data directory. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { createBlobStore, findRepoRoot, storagePaths } from './index';

const dataDir = mkdtempSync(path.join(tmpdir(), 'mecport-blobs-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const blobs = createBlobStore({ dataDir });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function source(name: string, bytes: Buffer): string {
  const file = path.join(dataDir, name);
  writeFileSync(file, bytes);
  return file;
}

async function bytesOf(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('blob store', () => {
  it('stores a file under its sha256 in a two-hex shard, once, and leaves no temporary file', async () => {
    const content = randomBytes(3 * 1024 * 1024 + 17);
    const file = source('a.bin', content);
    const put = await blobs.putFromFile(file);
    expect(put).toEqual({ digest: sha256(content), size: content.length, created: true });
    const stored = path.join(dataDir, 'blobs', 'sha256', put.digest.slice(0, 2), put.digest);
    expect(blobs.pathOf(put.digest)).toBe(stored);
    expect(readFileSync(stored).equals(content)).toBe(true);
    expect(readFileSync(file).equals(content), 'the source is left alone').toBe(true);
    expect(await blobs.putFromFile(file)).toEqual({ ...put, created: false });
    expect(await blobs.stat(put.digest)).toEqual({ digest: put.digest, size: content.length, path: stored });
    expect(readdirSync(path.join(dataDir, 'blobs', 'tmp'))).toEqual([]);
  });

  it('hashes a linked file of several read chunks to the same digest and size as the content', async () => {
    const content = Buffer.concat([randomBytes(2 * 1024 * 1024), randomBytes(333)]);
    const put = await blobs.putFromFile(source('linked-large.bin', content), { link: true });
    expect(put).toEqual({ digest: sha256(content), size: content.length, created: true });
  });

  it('hard-links when asked, and the blob survives the source being deleted', async () => {
    const content = randomBytes(100_000);
    const file = source('linked.bin', content);
    const put = await blobs.putFromFile(file, { link: true });
    expect(put.created).toBe(true);
    expect(statSync(blobs.pathOf(put.digest)).ino).toBe(statSync(file).ino);
    rmSync(file);
    expect(readFileSync(blobs.pathOf(put.digest)).equals(content)).toBe(true);
  });

  it('never shows a half-written blob: the file appears complete or not at all', async () => {
    const content = randomBytes(48 * 1024 * 1024);
    const target = blobs.pathOf(sha256(content));
    const file = source('big.bin', content);
    const sizes = new Set<number>();
    let done = false;
    const watcher = (async () => {
      while (!done) {
        try { sizes.add(statSync(target).size); } catch { sizes.add(-1); }
        await new Promise((r) => setImmediate(r));
      }
    })();
    await blobs.putFromFile(file);
    done = true;
    await watcher;
    expect([...sizes].filter((s) => s !== -1 && s !== content.length)).toEqual([]);
    expect(statSync(target).size).toBe(content.length);
  });

  it('a failed write leaves neither a blob nor a temporary file', async () => {
    await expect(blobs.putFromFile(path.join(dataDir, 'missing.bin'))).rejects.toMatchObject({ code: 'not-found' });
    await expect(blobs.putFromFile(dataDir)).rejects.toThrow(/EISDIR/);
    expect(readdirSync(path.join(dataDir, 'blobs', 'tmp'))).toEqual([]);
  });

  it('reads byte ranges (inclusive ends, like HTTP) and refuses ranges outside the blob', async () => {
    const content = Buffer.from('0123456789abcdefghij');
    const { digest } = await blobs.putFromFile(source('r.txt', content));
    expect(await text(await blobs.openRange(digest))).toBe('0123456789abcdefghij');
    expect(await text(await blobs.openRange(digest, 5, 9))).toBe('56789');
    expect(await text(await blobs.openRange(digest, 19, 19))).toBe('j');
    expect(await text(await blobs.openRange(digest, 10))).toBe('abcdefghij');
    expect((await bytesOf(await blobs.openRange(digest, 0, 0))).toString()).toBe('0');
    await expect(blobs.openRange(digest, 5, 20)).rejects.toMatchObject({ code: 'bad-request' });
    await expect(blobs.openRange(digest, 6, 5)).rejects.toMatchObject({ code: 'bad-request' });
    await expect(blobs.openRange('0'.repeat(64))).rejects.toMatchObject({ code: 'not-found' });
  });

  it('removes a blob once, and refuses malformed digests (no path tricks)', async () => {
    const { digest } = await blobs.putFromFile(source('x.txt', Buffer.from('remove me')));
    expect(await blobs.remove(digest)).toBe(true);
    expect(await blobs.remove(digest)).toBe(false);
    expect(await blobs.stat(digest)).toBeNull();
    expect(() => blobs.pathOf('../../etc/passwd')).toThrow(/Not a sha256 digest/);
    expect(() => blobs.pathOf('A'.repeat(64))).toThrow(/Not a sha256 digest/);
  });

  it('resolves a relative MECPORT_DATA_DIR against the repo root', () => {
    const root = findRepoRoot();
    expect(storagePaths('.data/x')).toEqual({ dataDir: path.join(root, '.data/x'), blobsDir: path.join(root, '.data/x/blobs'), uploadsDir: path.join(root, '.data/x/uploads') });
    expect(storagePaths('/abs/dir').uploadsDir).toBe('/abs/dir/uploads');
  });
});
