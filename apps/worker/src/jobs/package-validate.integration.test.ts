/**
 * The `package.validate` job through the real runner (pg-boss on a throwaway database) on real
 * files: a built package becomes a validated version and a blob; tampered, zip-slip and refused
 * packages fail with their report and leave no rows and no files; the EdgeGallery samples.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { buildPackage } from '@mecport/app-package';
import { rawZip } from '@mecport/app-package/testing/raw-zip';
import { getPrisma } from '@mecport/db';
import { createLogger } from '@mecport/http';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { defaultStorage } from './registry';
import { enqueue, startJobRunner } from './runner';

const prisma = getPrisma();
const dataDir = mkdtempSync(path.join(tmpdir(), 'mecport-worker-'));
const storage = defaultStorage(dataDir);
const APP_PACKAGE = path.dirname(path.dirname(new URL(import.meta.resolve('@mecport/app-package')).pathname));
const EXAMPLE = path.join(APP_PACKAGE, 'examples/hello-mec');
const SAMPLES = path.join(APP_PACKAGE, 'test-data/edgegallery');
let boss: PgBoss;
let app: { id: string; tenantId: string };
const subject = `dev-${randomUUID()}`;

beforeAll(async () => {
  boss = await startJobRunner({ databaseUrl: process.env.DATABASE_URL!, auditRetentionDays: 365, schedules: false, deps: { prisma, log: createLogger('worker-test', 'silent'), storage } });
  const tenant = await prisma.tenant.create({ data: { slug: `up-${randomUUID().slice(0, 8)}`, name: 'Upload tenant' } });
  await prisma.userProfile.create({ data: { subject, tenantId: tenant.id, username: 'dev', displayName: 'Dee Veloper' } });
  app = await prisma.app.create({ data: { tenantId: tenant.id, slug: 'hello', name: 'Hello', provider: 'Acme', category: 'other', createdBy: subject } });
});
afterAll(async () => {
  await boss.stop({ graceful: true, timeout: 5000 });
  rmSync(dataDir, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Stages `file` as a completed upload (what the tus endpoint leaves behind) and runs the job. */
async function validate(file: string, version: string, target: { appId: string; tenantId: string } = { appId: app.id, tenantId: app.tenantId }, beforeJob?: (id: string) => Promise<void>) {
  const id = randomUUID();
  mkdirSync(storage.uploadsDir, { recursive: true });
  copyFileSync(file, path.join(storage.uploadsDir, id));
  writeFileSync(path.join(storage.uploadsDir, `${id}.json`), JSON.stringify({ id }));
  const size = statSync(file).size;
  await prisma.upload.create({ data: { id, appId: target.appId, tenantId: target.tenantId, version, filename: path.basename(file), size: BigInt(size), offset: BigInt(size), state: 'validating', createdBy: subject } });
  await beforeJob?.(id);
  const jobId = await enqueue(boss, 'package.validate', { uploadId: id });
  for (let i = 0; i < 300; i += 1) {
    const job = await boss.getJobById('package.validate', jobId!);
    if (job && ['completed', 'failed'].includes(job.state)) {
      expect(job.state).toBe('completed');
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const upload = await prisma.upload.findUniqueOrThrow({ where: { id } });
  expect(existsSync(path.join(storage.uploadsDir, id)), 'the staged file is gone').toBe(false);
  expect(existsSync(path.join(storage.uploadsDir, `${id}.json`)), 'the tus metadata file is gone').toBe(false);
  return upload;
}

async function expectNothingLeft(upload: { appId: string; version: string }) {
  expect(await prisma.appVersion.count({ where: { appId: upload.appId, version: upload.version } })).toBe(0);
  const referenced = new Set((await prisma.packageBlob.findMany({ select: { digest: true } })).map((b) => b.digest));
  expect(filesUnder(path.join(storage.blobs.blobsDir, 'sha256')).map((f) => path.basename(f)).filter((d) => !referenced.has(d)), 'no blob without a row').toEqual([]);
  expect(filesUnder(path.join(storage.blobs.blobsDir, 'tmp'))).toEqual([]);
  expect(filesUnder(storage.uploadsDir)).toEqual([]);
}

async function entriesOf(file: string): Promise<{ name: string; data: Buffer }[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(file, { lazyEntries: true }, (error, opened) => (error ? reject(error) : resolve(opened))));
  const out: { name: string; data: Buffer }[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      // A stream error rejects the whole read (an async callback here would leave it unhandled).
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        buffer(stream).then((data) => {
          out.push({ name: entry.fileName, data });
          zip.readEntry();
        }, reject);
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  zip.close();
  return out;
}

describe('package.validate', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'mecport-pkgs-'));
  const built = path.join(work, 'hello.csar');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('turns a built package into a validated version, a PackageBlob row and a blob file', async () => {
    const result = await buildPackage({ dir: EXAMPLE, out: built, releaseDate: new Date('2026-01-01T00:00:00Z') });
    const upload = await validate(built, '1.0.0');
    expect(upload).toMatchObject({ state: 'validated', error: null, progress: { phase: 'done', bytesDone: result.size, bytesTotal: result.size } });
    const version = await prisma.appVersion.findUniqueOrThrow({ where: { id: upload.versionId! } });
    expect(version).toMatchObject({ appId: app.id, version: '1.0.0', status: 'validated', packageDigest: result.sha256, packageSize: BigInt(result.size), architecture: 'x86_64' });
    // What it runs as is kept from the start: hello-mec carries only a Helm chart (its deployment will be refused).
    expect(version.workload).toEqual({ runtime: 'helm', charts: ['Artifacts/Deployment/Charts/hello-mec.tgz'] });
    expect(version.declaredPorts).toEqual([]);
    expect(await prisma.packageBlob.findUnique({ where: { digest: result.sha256 } })).toMatchObject({ size: BigInt(result.size) });
    expect(statSync(storage.blobs.pathOf(result.sha256)).size).toBe(result.size);
    expect((upload.report as { summary: { fail: number } }).summary.fail).toBe(0);
    const audit = await prisma.auditEvent.findMany({ where: { targetId: upload.id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['app.upload.validate']);
    expect(audit[0]).toMatchObject({ actorSubject: subject, actorName: 'Dee Veloper' });
  });

  it('keeps a container package\'s workload on its version: YAML ports, the image with its archive and the digest the AppD pins', async () => {
    const dir = path.join(work, 'container');
    cpSync(EXAMPLE, dir, { recursive: true });
    rmSync(path.join(dir, 'Artifacts/Deployment/Charts'), { recursive: true });
    mkdirSync(path.join(dir, 'Artifacts/Deployment/Kubernetes'), { recursive: true });
    mkdirSync(path.join(dir, 'Artifacts/Images'), { recursive: true });
    const image = '127.0.0.1:5055/demo/hello:1.0';
    writeFileSync(path.join(dir, 'Artifacts/Deployment/Kubernetes/hello.yaml'), `kind: Pod\nmetadata: { name: hello }\nspec:\n  containers:\n    - { name: hello, image: "${image}", ports: [{ containerPort: 8097 }] }\n`);
    writeFileSync(path.join(dir, 'Artifacts/Images/hello.tar'), 'an image archive');
    const appd = path.join(dir, 'Definitions/hello-mec.yaml');
    writeFileSync(appd, readFileSync(appd, 'utf8').replace('file: Artifacts/Deployment/Charts/hello-mec.tgz', 'file: Artifacts/Images/hello.tar')
      .replace('            name: hello-mec\n', `            name: "${image}"\n`).replace('0'.repeat(64), 'd'.repeat(64)));
    const out = path.join(work, 'container.csar');
    await buildPackage({ dir, out });
    const upload = await validate(out, '2.0.0-container');
    expect(upload.state).toBe('validated');
    const version = await prisma.appVersion.findUniqueOrThrow({ where: { id: upload.versionId! } });
    expect(version.workload).toEqual({
      runtime: 'container', ports: [8097], kubeFiles: ['Artifacts/Deployment/Kubernetes/hello.yaml'],
      images: [{ name: image, archive: 'Artifacts/Images/hello.tar', digest: `sha256:${'d'.repeat(64)}` }],
    });
    expect(version.declaredPorts).toEqual([8097]);
  });

  it('fails a second upload of the same version with a clear message, and keeps the first one\'s blob', async () => {
    const upload = await validate(built, '1.0.0');
    expect(upload.state).toBe('failed');
    expect(upload.error).toMatch(/already has a version 1\.0\.0; versions are immutable/);
    expect(await prisma.appVersion.count({ where: { appId: app.id, version: '1.0.0' } })).toBe(1);
    expect(filesUnder(storage.uploadsDir)).toEqual([]);
  });

  it('fails a package with one altered artefact byte, names the file, and leaves no rows and no files', async () => {
    const entries = await entriesOf(built);
    const target = entries.find((e) => e.name === 'Artifacts/ChangeLog.txt')!;
    target.data[0] = target.data[0]! ^ 1;
    const tampered = path.join(work, 'tampered.csar');
    writeFileSync(tampered, rawZip(entries.map((e) => ({ name: e.name, data: e.data, method: 8 }))));
    const upload = await validate(tampered, '1.0.1');
    expect(upload.state).toBe('failed');
    expect(upload.error).toMatch(/manifest\.digest in Artifacts\/ChangeLog\.txt/);
    const checks = (upload.report as { checks: { id: string; status: string; file?: string }[] }).checks;
    expect(checks.filter((c) => c.status === 'fail')).toEqual([expect.objectContaining({ id: 'manifest.digest', file: 'Artifacts/ChangeLog.txt' })]);
    await expectNothingLeft(upload);
  });

  it('refuses a zip-slip package and leaves nothing behind', async () => {
    const entries = await entriesOf(built);
    const slip = path.join(work, 'slip.csar');
    writeFileSync(slip, rawZip([...entries, { name: '../../evil.sh', data: Buffer.from('#!/bin/sh\n') }]));
    const upload = await validate(slip, '1.0.2');
    expect(upload.state).toBe('failed');
    expect(upload.error).toMatch(/zip\.path-traversal/);
    expect(upload.error).toContain('evil.sh');
    await expectNothingLeft(upload);
    expect(existsSync(path.join(dataDir, 'evil.sh'))).toBe(false);
  });

  it('validates the EdgeGallery samples face_recognition1.4 and test2048 with warnings', async () => {
    for (const [file, version] of [['face_recognition1.4.csar', '1.4.0'], ['test2048_1.0.csar', '2048.1.0']] as const) {
      const upload = await validate(path.join(SAMPLES, file), version);
      expect(upload.state, `${file}: ${upload.error}`).toBe('validated');
      const summary = (upload.report as { summary: { warn: number; fail: number } }).summary;
      expect(summary.fail).toBe(0);
      expect(summary.warn).toBeGreaterThan(0);
      expect((upload.report as { checks: { id: string; status: string }[] }).checks.some((c) => c.id === 'manifest.legacy-key' && c.status === 'warn')).toBe(true);
      expect(await prisma.appVersion.findUniqueOrThrow({ where: { id: upload.versionId! } })).toMatchObject({ architecture: 'x86_64', status: 'validated' });
    }
  });

  it('fails sampleapp.csar on its placeholder digest, naming the fix, and refuses ARNoMfTosca.csar naming what is missing', async () => {
    const sampleapp = await validate(path.join(SAMPLES, 'sampleapp.csar'), '0.0.1');
    expect(sampleapp.state).toBe('failed');
    expect(sampleapp.error).toMatch(/1 failed check; first: manifest\.digest in positioning-service\.mf: every Source of positioning-service\.mf carries the same SHA-256 digest .*mecport-pkg rehash/);
    await expectNothingLeft(sampleapp);
    const ar = await validate(path.join(SAMPLES, 'ARNoMfTosca.csar'), '0.0.2');
    expect(ar.state).toBe('failed');
    const failed = (ar.report as { checks: { id: string; status: string; message: string }[] }).checks.filter((c) => c.status === 'fail');
    expect(failed.map((c) => c.message).join(' ')).toMatch(/TOSCA\.meta/);
    expect(failed.map((c) => c.message).join(' ')).toMatch(/manifest/i);
    await expectNothingLeft(ar);
  });

  it('removes the blob it created when the database step fails', async () => {
    const entries = await entriesOf(built);
    const unique = path.join(work, 'unique.csar');
    // Same content, different archive bytes (stored instead of deflated): a digest no blob has yet.
    writeFileSync(unique, rawZip(entries.map((e) => ({ name: e.name, data: e.data, method: 0 }))));
    const otherTenant = await prisma.tenant.create({ data: { slug: `other-${randomUUID().slice(0, 8)}`, name: 'Other' } });
    // An upload row whose tenant does not own the app: registerVersion refuses it after the blob was written.
    const upload = await validate(unique, '4.0.0', { appId: app.id, tenantId: otherTenant.id });
    expect(upload.state).toBe('failed');
    expect(upload.error).toMatch(/No app .* in your tenant/);
    await expectNothingLeft(upload);
  });

  it('adopts the version its own earlier attempt registered (the worker stopped between the two commits)', async () => {
    const entries = await entriesOf(built);
    const again = path.join(work, 'again.csar');
    writeFileSync(again, rawZip(entries.map((e) => ({ name: e.name, data: e.data, method: 8 }))));
    let registered = '';
    const upload = await validate(again, '5.0.0', undefined, async () => {
      // What the first attempt committed before it stopped: the blob and the version, not the upload's new state.
      const put = await storage.blobs.putFromFile(again);
      const { registerVersion } = await import('@mecport/core');
      const actor = { subject, username: 'dev', name: 'Dee Veloper', email: null, roles: [], profileId: '', locale: 'en' as const, tenant: { id: app.tenantId, slug: 'x', name: 'x' } };
      const report = await (await import('@mecport/app-package')).validatePackage(again);
      registered = (await registerVersion(prisma, actor, { appId: app.id, version: '5.0.0', digest: put.digest, size: put.size, appd: report.appd as unknown as Record<string, unknown>, architecture: 'x86_64', report: { checks: report.checks } })).id;
    });
    expect(upload).toMatchObject({ state: 'validated', versionId: registered });
  });

  it('skips an upload that is not validating (a job for a cancelled or finished upload does nothing)', async () => {
    const id = randomUUID();
    await prisma.upload.create({ data: { id, appId: app.id, tenantId: app.tenantId, version: '9.9.9', filename: 'x.csar', size: 1n, state: 'cancelled', createdBy: subject } });
    const jobId = await enqueue(boss, 'package.validate', { uploadId: id });
    for (let i = 0; i < 100 && !['completed', 'failed'].includes((await boss.getJobById('package.validate', jobId!))?.state ?? ''); i += 1) await new Promise((r) => setTimeout(r, 100));
    expect((await boss.getJobById('package.validate', jobId!))?.output).toEqual({ value: [{ state: 'skipped', reason: 'upload is cancelled' }] });
    expect((await prisma.upload.findUniqueOrThrow({ where: { id } })).state).toBe('cancelled');
  });
});
