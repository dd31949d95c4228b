/** The upload lifecycle, tenant isolation, blob bookkeeping and the job sender on a throwaway database. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBlobStore } from '@mecport/blob-store';
import { getPrisma } from '@mecport/db';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDeveloper, newApp, newVersion } from '../testing/store-fixtures';
import { removeBlobIfUnreferenced } from './blob-gc';
import { deleteVersionAndPackage } from './delete-version-package';
import { jobQueue } from '../shared/job-queue';
import { cancelUpload, completeUpload, createUpload, getUpload, listUploads, setUploadOffset } from './uploads';

const prisma = getPrisma();
const dataDir = mkdtempSync(path.join(tmpdir(), 'mecport-core-uploads-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('uploads', () => {
  it('goes uploading -> validating, audited once; reads are tenant-scoped and paged', async () => {
    const dev = await freshDeveloper(prisma);
    const app = await newApp(prisma, dev);
    const id = randomUUID();
    const created = await createUpload(prisma, dev, { id, size: 1000, metadata: { appId: app.id, version: '1.0.0', filename: 'app.csar' } });
    expect(created).toMatchObject({ id, appId: app.id, state: 'uploading', offset: 0, size: 1000, report: null, versionId: null, progress: { phase: 'upload', bytesDone: 0, bytesTotal: 1000 } });
    await setUploadOffset(prisma, id, 400);
    expect(await getUpload(prisma, dev.tenant.id, app.id, id)).toMatchObject({ offset: 400, progress: { bytesDone: 400 } });
    expect(await completeUpload(prisma, dev, id, 'req-1')).toBe(true);
    expect(await completeUpload(prisma, dev, id, 'req-2')).toBe(false);
    expect(await getUpload(prisma, dev.tenant.id, app.id, id)).toMatchObject({ state: 'validating', offset: 1000, progress: { phase: 'queued' } });
    expect(await prisma.auditEvent.count({ where: { targetId: id, action: 'app.upload.complete' } })).toBe(1);
    await expect(cancelUpload(prisma, dev, id)).rejects.toMatchObject({ code: 'conflict' });

    const second = randomUUID();
    await createUpload(prisma, dev, { id: second, size: 10, metadata: { appId: app.id, version: '1.0.1', filename: 'b.csar' } });
    await cancelUpload(prisma, dev, second, 'req-3');
    const first = await listUploads(prisma, dev.tenant.id, app.id, { limit: 1 });
    expect(first.items.map((u) => [u.id, u.state])).toEqual([[second, 'cancelled']]);
    const rest = await listUploads(prisma, dev.tenant.id, app.id, { limit: 1, cursor: first.nextCursor! });
    expect(rest.items.map((u) => u.id)).toEqual([id]);

    const stranger = await freshDeveloper(prisma);
    await expect(getUpload(prisma, stranger.tenant.id, app.id, id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(listUploads(prisma, stranger.tenant.id, app.id, { limit: 5 })).rejects.toMatchObject({ code: 'not-found' });
    await expect(createUpload(prisma, stranger, { id: randomUUID(), size: 1, metadata: { appId: app.id, version: '1', filename: 'x' } })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('removes a freed blob file only when no PackageBlob row points at it', async () => {
    const blobs = createBlobStore({ dataDir });
    const file = path.join(dataDir, 'pkg.bin');
    writeFileSync(file, `package ${randomUUID()}`);
    const { digest, size } = await blobs.putFromFile(file);
    await prisma.packageBlob.create({ data: { digest, size: BigInt(size) } });
    expect(await removeBlobIfUnreferenced(prisma, blobs, digest)).toBe(false);
    expect(await blobs.stat(digest)).not.toBeNull();
    await prisma.packageBlob.delete({ where: { digest } });
    expect(await removeBlobIfUnreferenced(prisma, blobs, digest)).toBe(true);
    expect(await blobs.stat(digest)).toBeNull();
  });

  it('deletes a version and its package file, keeping a file another version still uses', async () => {
    const blobs = createBlobStore({ dataDir });
    const file = path.join(dataDir, 'shared.bin');
    writeFileSync(file, `package ${randomUUID()}`);
    const { digest } = await blobs.putFromFile(file);
    const dev = await freshDeveloper(prisma);
    const [a, b] = [await newApp(prisma, dev), await newApp(prisma, dev)];
    const [va, vb] = [await newVersion(prisma, dev, a.id, { digest }), await newVersion(prisma, dev, b.id, { digest })];
    expect(await deleteVersionAndPackage(prisma, blobs, dev, a.id, va.id)).toEqual({ freedDigest: null, fileRemoved: false });
    expect(await blobs.stat(digest)).not.toBeNull();
    expect(await deleteVersionAndPackage(prisma, blobs, dev, b.id, vb.id)).toEqual({ freedDigest: digest, fileRemoved: true });
    expect(await blobs.stat(digest)).toBeNull();
  });

  it('sends validated job payloads through pg-boss and refuses bad ones', async () => {
    const queue = jobQueue(process.env.DATABASE_URL!);
    try {
      expect(await queue.send('package.validate', { uploadId: randomUUID() })).toMatch(/^[0-9a-f-]{36}$/);
      await expect(queue.send('package.validate', { uploadId: 'nope' })).rejects.toThrow();
    } finally {
      await queue.stop();
    }
  });
});
