import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { getPrisma } from '@mecport/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDeveloper, newApp, newVersion } from '../testing/store-fixtures';
import { findAppPackageContent, type TPackageBlobReader } from './package-content';

const prisma = getPrisma();
const files = new Map<string, Buffer>();
const blobs: TPackageBlobReader = {
  stat: (digest) => Promise.resolve(files.has(digest) ? { size: files.get(digest)!.length } : null),
  openRange: (digest, start = 0, end) => Promise.resolve(Readable.from([files.get(digest)!.subarray(start, end === undefined ? undefined : end + 1)])),
};
let published: { id: string; packageDigest: string };
let draft: { id: string; packageDigest: string };

beforeAll(async () => {
  const dev = await freshDeveloper(prisma);
  const app = await newApp(prisma, dev);
  published = await newVersion(prisma, dev, app.id, { version: '1.0.0', publish: true });
  draft = await newVersion(prisma, dev, app.id, { version: '2.0.0' });
  files.set(draft.packageDigest, Buffer.from('draft'));
});

describe('findAppPackageContent', () => {
  it('answers 404 naming the missing file when the blob store has no file for the digest', async () => {
    await expect(findAppPackageContent(prisma, blobs, published.id)).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining(`sha256 ${published.packageDigest}) is not in the blob store`) });
  });

  it('opens the stored file of a published package by range, with its digest as ETag', async () => {
    files.set(published.packageDigest, Buffer.from('PK\u0003\u0004 package bytes'));
    const content = await findAppPackageContent(prisma, blobs, published.id);
    expect(content).toMatchObject({ size: 18, etag: `"${published.packageDigest}"`, filename: expect.stringMatching(/-1\.0\.0\.zip$/) });
    const chunks: Buffer[] = [];
    for await (const chunk of await content.open(3, 10)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('\u0004 packag');
  });

  it('answers 404 for unpublished or unknown packages even when a file exists', async () => {
    await expect(findAppPackageContent(prisma, blobs, draft.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(findAppPackageContent(prisma, blobs, randomUUID())).rejects.toMatchObject({ code: 'not-found' });
  });
});
