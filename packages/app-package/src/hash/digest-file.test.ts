import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestFile, THREAD_MIN_BYTES } from './digest-file';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'app-package-digest-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fileOf(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('digestFile', () => {
  it.each([
    ['a small file, on the calling thread', 3 * 1024 * 1024 + 5],
    ['a large file, on a worker thread', THREAD_MIN_BYTES + 7],
  ])('hashes %s and counts every byte', async (_label, size) => {
    const bytes = Buffer.concat([randomBytes(1024 * 1024), Buffer.alloc(size - 1024 * 1024, 7)]);
    const path = fileOf(`f-${size}.bin`, bytes);
    let counted = 0;
    const digest = await digestFile(path, { onBytes: (n) => { counted += n; } });
    expect(digest).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(counted).toBe(size);
    expect(await digestFile(path, { algorithm: 'sha512' })).toBe(createHash('sha512').update(bytes).digest('hex'));
  });

  it('rejects for a missing file, and when its signal aborts', async () => {
    await expect(digestFile(join(dir, 'missing.bin'))).rejects.toMatchObject({ code: 'ENOENT' });
    const path = fileOf('abort.bin', Buffer.alloc(THREAD_MIN_BYTES, 1));
    const before = new AbortController();
    const early = digestFile(path, { signal: before.signal });
    before.abort(new Error('validation stopped'));
    await expect(early).rejects.toThrow('validation stopped');
    const midway = new AbortController();
    await expect(digestFile(path, { signal: midway.signal, onBytes: () => midway.abort(new Error('stopped midway')) })).rejects.toThrow('stopped midway');
  });
});
