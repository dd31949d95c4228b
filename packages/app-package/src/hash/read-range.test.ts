import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_BYTES, readRange } from './read-range';

let dir: string;
let file: string;
const data = randomBytes(2 * CHUNK_BYTES + 12345);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'app-package-read-range-'));
  file = join(dir, 'data.bin');
  writeFileSync(file, data);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Copies every chunk, since a chunk's buffer is reused after its call. */
async function collect(start: number, length: number | undefined): Promise<{ read: number; bytes: Buffer; chunks: number }> {
  const parts: Buffer[] = [];
  const read = await readRange(file, start, length, (chunk) => parts.push(Buffer.from(chunk)));
  return { read, bytes: Buffer.concat(parts), chunks: parts.length };
}

describe('readRange', () => {
  it('delivers exactly the range, across chunk boundaries, in chunks of at most CHUNK_BYTES', async () => {
    const start = 777;
    const length = CHUNK_BYTES * 2;
    const { read, bytes, chunks } = await collect(start, length);
    expect(read).toBe(length);
    expect(bytes.equals(data.subarray(start, start + length))).toBe(true);
    expect(chunks).toBe(2);
  });

  it('reads to the end of the file without a length, and reports a short read past the end', async () => {
    expect((await collect(100, undefined)).bytes.equals(data.subarray(100))).toBe(true);
    const past = await collect(data.length - 10, 1000);
    expect(past.read).toBe(10);
    expect(past.bytes.equals(data.subarray(data.length - 10))).toBe(true);
    expect((await collect(0, 0)).read).toBe(0);
  });

  it('passes an error of the callback on', async () => {
    await expect(readRange(file, 0, data.length, () => { throw new Error('stop here'); })).rejects.toThrow('stop here');
  });
});
