import { getPrisma } from '@mecport/db';
import { describe, expect, it } from 'vitest';
import { deleteVersion } from './delete-version';
import { deprecateVersion } from './deprecate-version';
import { listVersions } from './list-versions';
import { assertPublishable } from './publish-gate';
import { publishVersion } from './publish-version';
import { registerVersion } from './register-version';
import { getStoreApp } from '../catalog/store-app-detail';
import { PASSING_REPORT, freshDeveloper, newApp, newVersion, randomDigest, sampleAppd } from '../../testing/store-fixtures';

const prisma = getPrisma();

describe('registering versions', () => {
  it('registers a validated version with its blob, audited', async () => {
    const dev = await freshDeveloper(prisma);
    const app = await newApp(prisma, dev);
    const digest = randomDigest();
    const appd = sampleAppd('cam');
    const version = await registerVersion(prisma, dev, { appId: app.id, version: '1.0.0', digest, size: 5_000_000_000n, appd, architecture: 'aarch64', report: PASSING_REPORT }, 'req-reg');
    expect(version).toMatchObject({ status: 'validated', packageDigest: digest, packageSize: 5_000_000_000, appdId: appd.appDId, architecture: 'aarch64', validation: { pass: 1, warn: 1, fail: 0 } });
    expect(await prisma.packageBlob.findUnique({ where: { digest } })).toMatchObject({ size: 5_000_000_000n });
    expect(await prisma.auditEvent.count({ where: { tenantId: dev.tenant.id, action: 'app.version.register', requestId: 'req-reg' } })).toBe(1);
  });

  it('refuses a report with a failed check and leaves nothing behind', async () => {
    const dev = await freshDeveloper(prisma);
    const app = await newApp(prisma, dev);
    const digest = randomDigest();
    const report = { checks: [...PASSING_REPORT.checks, { id: 'manifest.digest', status: 'fail' as const, message: 'hash mismatch', file: 'Artifacts/app.tgz' }] };
    await expect(registerVersion(prisma, dev, { appId: app.id, version: '1.0.0', digest, size: 1, appd: sampleAppd('x'), architecture: 'x86_64', report }))
      .rejects.toMatchObject({ code: 'validation', message: expect.stringContaining('Artifacts/app.tgz') });
    expect(await prisma.packageBlob.findUnique({ where: { digest } })).toBeNull();
    expect(await prisma.appVersion.count({ where: { appId: app.id } })).toBe(0);
  });

  it('keeps versions immutable: the same version cannot be registered twice', async () => {
    const dev = await freshDeveloper(prisma);
    const app = await newApp(prisma, dev);
    const first = await newVersion(prisma, dev, app.id, { version: '2.0.0' });
    await expect(newVersion(prisma, dev, app.id, { version: '2.0.0' })).rejects.toMatchObject({ code: 'conflict' });
    const stored = await prisma.appVersion.findUniqueOrThrow({ where: { id: first.id } });
    expect(stored.packageDigest).toBe(first.packageDigest);
    expect(await prisma.appVersion.count({ where: { appId: app.id } })).toBe(1);
  });

  it('refuses to register into another tenant\'s app', async () => {
    const mine = await freshDeveloper(prisma);
    const app = await newApp(prisma, await freshDeveloper(prisma));
    await expect(newVersion(prisma, mine, app.id)).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('the publish gate', () => {
  it('lets validated and certified versions through, and nothing else', () => {
    for (const status of ['validated', 'certified']) expect(() => assertPublishable({ id: 'x', version: '1', status })).not.toThrow();
    // (extensions are spread into the problem body: a key named `status` would replace the HTTP status)
    for (const status of ['draft', 'in_certification', 'published', 'deprecated']) expect(() => assertPublishable({ id: 'x', version: '1', status })).toThrow(expect.objectContaining({ code: 'conflict', extensions: { versionStatus: status } }));
  });

  it('publishes a validated version, audited, and refuses a draft or an in-certification one', async () => {
    const dev = await freshDeveloper(prisma);
    const app = await newApp(prisma, dev);
    const v1 = await newVersion(prisma, dev, app.id, { version: '1.0.0' });
    const published = await publishVersion(prisma, dev, app.id, v1.id, 'req-pub');
    expect(published).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    await expect(publishVersion(prisma, dev, app.id, v1.id)).rejects.toMatchObject({ code: 'conflict' });
    for (const status of ['draft', 'in_certification'] as const) {
      const v = await newVersion(prisma, dev, app.id, { version: `0.${status.length}.0` });
      await prisma.appVersion.update({ where: { id: v.id }, data: { status } });
      await expect(publishVersion(prisma, dev, app.id, v.id)).rejects.toMatchObject({ code: 'conflict' });
    }
    const certified = await newVersion(prisma, dev, app.id, { version: '3.0.0' });
    await prisma.appVersion.update({ where: { id: certified.id }, data: { status: 'certified', certifiedAt: new Date() } });
    expect((await publishVersion(prisma, dev, app.id, certified.id))).toMatchObject({ status: 'published', certifiedAt: expect.any(String) });
    const stranger = await freshDeveloper(prisma);
    await expect(publishVersion(prisma, stranger, app.id, v1.id)).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('deprecating', () => {
  it('hides a version from the store without deleting it', async () => {
    const dev = await freshDeveloper(prisma);
    const app = await newApp(prisma, dev);
    const v1 = await newVersion(prisma, dev, app.id, { version: '1.0.0', publish: true });
    const v2 = await newVersion(prisma, dev, app.id, { version: '1.1.0', publish: true });
    expect((await getStoreApp(prisma, app.id)).versions.map((v) => v.version)).toEqual(['1.1.0', '1.0.0']);
    expect(await deprecateVersion(prisma, dev, app.id, v2.id)).toMatchObject({ status: 'deprecated', deprecatedAt: expect.any(String) });
    expect(await deprecateVersion(prisma, dev, app.id, v2.id), 'idempotent').toMatchObject({ status: 'deprecated' });
    expect((await getStoreApp(prisma, app.id)).versions.map((v) => v.version)).toEqual(['1.0.0']);
    await deprecateVersion(prisma, dev, app.id, v1.id);
    await expect(getStoreApp(prisma, app.id)).rejects.toMatchObject({ code: 'not-found' });
    expect((await listVersions(prisma, dev.tenant.id, app.id, { limit: 10 })).items.map((v) => v.status)).toEqual(['deprecated', 'deprecated']);
    expect(await prisma.auditEvent.count({ where: { tenantId: dev.tenant.id, action: 'app.version.deprecate' } })).toBe(2);
    const draft = await newVersion(prisma, dev, app.id, { version: '2.0.0' });
    await prisma.appVersion.update({ where: { id: draft.id }, data: { status: 'draft' } });
    await expect(deprecateVersion(prisma, dev, app.id, draft.id)).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('deleting versions', () => {
  it('deletes draft and validated versions, freeing the blob only when nothing else references it', async () => {
    const dev = await freshDeveloper(prisma);
    const a = await newApp(prisma, dev);
    const b = await newApp(prisma, dev);
    const digest = randomDigest();
    const va = await newVersion(prisma, dev, a.id, { digest });
    const vb = await newVersion(prisma, dev, b.id, { digest });
    await prisma.appVersion.update({ where: { id: vb.id }, data: { status: 'draft' } });
    expect(await deleteVersion(prisma, dev, a.id, va.id)).toEqual({ freedDigest: null });
    expect(await prisma.packageBlob.findUnique({ where: { digest } })).not.toBeNull();
    expect(await deleteVersion(prisma, dev, b.id, vb.id)).toEqual({ freedDigest: digest });
    expect(await prisma.packageBlob.findUnique({ where: { digest } })).toBeNull();
    expect(await prisma.appVersion.count({ where: { id: { in: [va.id, vb.id] } } })).toBe(0);
    const events = await prisma.auditEvent.findMany({ where: { tenantId: dev.tenant.id, action: 'app.version.delete' }, orderBy: { createdAt: 'asc' } });
    expect(events.map((e) => (e.data as { blobFreed: boolean }).blobFreed)).toEqual([false, true]);
  });

  it('refuses to delete a published, certified or deprecated version (409) and another tenant\'s (404)', async () => {
    const dev = await freshDeveloper(prisma);
    const app = await newApp(prisma, dev);
    const published = await newVersion(prisma, dev, app.id, { version: '1.0.0', publish: true });
    await expect(deleteVersion(prisma, dev, app.id, published.id)).rejects.toMatchObject({ code: 'conflict' });
    await deprecateVersion(prisma, dev, app.id, published.id);
    await expect(deleteVersion(prisma, dev, app.id, published.id)).rejects.toMatchObject({ code: 'conflict' });
    const v = await newVersion(prisma, dev, app.id, { version: '2.0.0' });
    await prisma.appVersion.update({ where: { id: v.id }, data: { status: 'certified' } });
    await expect(deleteVersion(prisma, dev, app.id, v.id)).rejects.toMatchObject({ code: 'conflict' });
    const other = await newVersion(prisma, dev, app.id, { version: '3.0.0' });
    await expect(deleteVersion(prisma, await freshDeveloper(prisma), app.id, other.id)).rejects.toMatchObject({ code: 'not-found' });
    expect(await prisma.appVersion.count({ where: { appId: app.id } })).toBe(3);
  });
});
