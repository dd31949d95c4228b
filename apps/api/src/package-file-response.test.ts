import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { packageFileResponse, type TPackageFile } from './package-file-response';

const get = (headers: Record<string, string> = {}) => new Request('http://gateway.test/api/v1/edge/nodes/n/packages/p', { headers });

const CHUNK = 1024;

/** A byte stream like a file's (not object mode), read a chunk of its high-water mark at a time. */
function fileLikeStream(chunks: Buffer[]): Readable {
  let next = 0;
  return new Readable({ highWaterMark: CHUNK, read() { this.push(chunks[next++] ?? null); } });
}

/** A package whose `open` records the stream it gave, so a test can look at what happened to it. */
function packageOf(chunks: Buffer[]): TPackageFile & { opened: Readable[] } {
  const opened: Readable[] = [];
  return {
    size: chunks.reduce((sum, c) => sum + c.length, 0), etag: '"abc"', filename: 'p.csar', opened,
    open: async () => {
      const stream = fileLikeStream(chunks);
      opened.push(stream);
      return stream;
    },
  };
}

describe('packageFileResponse body', () => {
  it('hands the file\'s chunks on as they are, not a copy of each', async () => {
    const chunks = [Buffer.alloc(CHUNK, 1), Buffer.alloc(CHUNK, 2)];
    const res = await packageFileResponse(get(), 'rid-1', packageOf(chunks), { instance: '/x' });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const received: Uint8Array[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) received.push(read.value);
    expect(received).toHaveLength(2);
    expect(received[0]).toBe(chunks[0]);
    expect(received[1]).toBe(chunks[1]);
  });

  it('destroys the file\'s stream when the client goes away mid-download', async () => {
    const file = packageOf(Array.from({ length: 100 }, () => Buffer.alloc(CHUNK)));
    const res = await packageFileResponse(get(), 'rid-2', file, { instance: '/x' });
    const reader = res.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel(new Error('client went away'));
    expect(file.opened[0]!.destroyed).toBe(true);
  });

  it('streams only the requested range of the file, with 206', async () => {
    const file = { ...packageOf([]), size: 10_000, open: async (start: number, end: number) => fileLikeStream([Buffer.alloc(end - start + 1, 3)]) };
    const res = await packageFileResponse(get({ range: 'bytes=100-199' }), 'rid-3', file, { instance: '/x' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 100-199/10000');
    expect((await res.arrayBuffer()).byteLength).toBe(100);
  });
});
