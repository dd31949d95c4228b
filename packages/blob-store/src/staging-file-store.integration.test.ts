import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StagingFileStore } from './staging-file-store';

let dir: string;
beforeAll(() => { dir = mkdtempSync(path.join(tmpdir(), 'blob-store-staging-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A staged file holding `existing`, as after earlier PATCH requests. */
function staged(existing: Buffer): string {
  const id = randomUUID();
  writeFileSync(path.join(dir, id), existing);
  return id;
}

/** Network-like chunks of uneven sizes, so batches end mid-chunk and past the batch size. */
function chunked(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0, n = 0; at < bytes.length; n += 1) {
    const size = [65536, 1000, 16384, 300000][n % 4]!;
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

describe('StagingFileStore.write', () => {
  it('appends the body at the offset in order and answers the new offset', async () => {
    const store = new StagingFileStore({ directory: dir });
    const head = randomBytes(12345);
    const body = randomBytes(5 * 1024 * 1024 + 777);
    const id = staged(head);
    const offset = await store.write(Readable.from(chunked(body)), id, head.length);
    expect(offset).toBe(head.length + body.length);
    expect(readFileSync(path.join(dir, id)).equals(Buffer.concat([head, body]))).toBe(true);
  });

  it('keeps what arrived when the body fails part way, and refuses an id outside its directory', async () => {
    const store = new StagingFileStore({ directory: dir });
    const body = randomBytes(3 * 1024 * 1024);
    const id = staged(Buffer.alloc(0));
    async function* broken() {
      yield* chunked(body.subarray(0, 2 * 1024 * 1024));
      throw new Error('connection reset');
    }
    await expect(store.write(Readable.from(broken()), id, 0)).rejects.toMatchObject({ status_code: 500 });
    const kept = readFileSync(path.join(dir, id));
    expect(kept.length).toBeGreaterThanOrEqual(1024 * 1024);
    expect(kept.equals(body.subarray(0, kept.length))).toBe(true);
    await expect(store.write(Readable.from([Buffer.from('x')]), '../escape', 0)).rejects.toMatchObject({ status_code: 404 });
  });
});
