/**
 * The demo store import on a database of its own (its counts must be exact): run twice it adds
 * nothing the second time, its package files are real and match their versions, the stored AppD is
 * the codec's, the EdgeGallery samples end as the demo data says, and lost package files come back.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildPackage, validatePackage } from '@mecport/app-package';
import { createBlobStore } from '@mecport/blob-store';
import { DEMO_APPS, DEMO_SAMPLES } from '@mecport/contracts';
import { createPrismaClient, type DbClient } from '@mecport/db';
import { seed } from '@mecport/db/seed';
import { createThrowawayDatabase, type ThrowawayDatabase } from '@mecport/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoPackage } from './build-demo-package';
import { importDemoStore } from './import-demo-store';
import { DEMO_RELEASE_DATE } from './build-demo-package';
import { emptyDemoResult } from './demo-result';
import { importHelloContainer } from './import-hello-container';
import { HELLO_EDGE_DIR } from './import-hello-edge';
import { uploadLocalPackage } from './upload-local-package';
import { listAppPackages } from '../mec010';
import { freshDeveloper, newApp } from '../testing/store-fixtures';

let database: ThrowawayDatabase;
let db: DbClient;
const dataDir = mkdtempSync(path.join(tmpdir(), 'mecport-demo-'));
const blobs = createBlobStore({ dataDir });
const run = () => importDemoStore({ db, blobs, uploadsDir: path.join(dataDir, 'uploads') });
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

beforeAll(async () => {
  database = await createThrowawayDatabase();
  db = createPrismaClient(database.url, { maxConnections: 10 });
  await seed(db);
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const counts = async () => ({
  apps: await db.app.count(), versions: await db.appVersion.count(), blobs: await db.packageBlob.count(), uploads: await db.upload.count(),
  downloads: await db.download.count(), ratings: await db.rating.count(), comments: await db.comment.count(), events: await db.auditEvent.count(),
});
const demoApp = (slug: string) => db.app.findFirstOrThrow({ where: { slug }, include: { versions: true, uploads: true } });

describe('importDemoStore', () => {
  it('imports every demo app and sample once, and a second run adds nothing', async () => {
    const first = await run();
    // + 3: Hello Edge and Zone Watcher, the process-bundle apps the local demo agent runs, and
    // Hello Container, the container sample (its image is made from busybox-static, installed here as in CI).
    expect(first).toEqual({ appsCreated: DEMO_APPS.length + DEMO_SAMPLES.length + 3, packagesUploaded: DEMO_APPS.length + DEMO_SAMPLES.length + 3, versionsPublished: DEMO_APPS.length + 3, blobsRestored: 0, problems: [] });
    const validatedSamples = DEMO_SAMPLES.filter((s) => s.outcome === 'validated').length;
    const after = await counts();
    expect(after).toMatchObject({
      apps: DEMO_APPS.length + DEMO_SAMPLES.length + 3, versions: DEMO_APPS.length + validatedSamples + 3, blobs: DEMO_APPS.length + validatedSamples + 3, uploads: DEMO_APPS.length + DEMO_SAMPLES.length + 3,
      downloads: DEMO_APPS.reduce((n, a) => n + a.downloads, 0), ratings: DEMO_APPS.reduce((n, a) => n + a.stars.length, 0), comments: DEMO_APPS.filter((a) => a.stars.length > 0).length,
    });

    expect(await run()).toEqual({ appsCreated: 0, packagesUploaded: 0, versionsPublished: 0, blobsRestored: 0, problems: [] });
    expect(await counts()).toEqual(after);
  }, 180_000);

  it('publishes each demo app with its built package in the blob store, the codec\'s AppD and report, and its activity', async () => {
    for (const demo of DEMO_APPS) {
      const app = await demoApp(demo.slug);
      expect(app.versions).toHaveLength(1);
      const version = app.versions[0]!;
      expect(version).toMatchObject({ version: demo.version, status: 'published', architecture: demo.architecture, appdId: `mecport-demo-${demo.slug}` });
      expect(Boolean(version.certifiedAt)).toBe(demo.certified);
      expect(app).toMatchObject({ downloadCount: demo.downloads, ratingCount: demo.stars.length, ratingSum: demo.stars.reduce((a, b) => a + b, 0) });
      expect(app.uploads).toEqual([expect.objectContaining({ state: 'validated', versionId: version.id })]);

      const blob = await blobs.stat(version.packageDigest);
      expect(blob?.size).toBe(Number(version.packageSize));
      expect(sha256(blob!.path)).toBe(version.packageDigest);
      const codec = await validatePackage(blob!.path);
      expect(codec.ok).toBe(true);
      expect(version.appd).toEqual(JSON.parse(JSON.stringify(codec.appd)));
      expect((version.validationReport as { checks: { id: string; status: string }[] }).checks.map((c) => `${c.id}:${c.status}`)).toEqual([
        ...codec.checks.map((c) => `${c.id}:${c.status}`),
        // The store's own checks follow the codec's: the appDId is the app's, the provider is compared with the tenant.
        'store.appd-id:pass', expect.stringMatching(/^store\.app-provider:(pass|warn)$/),
      ]);
    }
  });

  it('builds the same bytes every time, so a version\'s digest names its package', async () => {
    const demo = DEMO_APPS[0]!;
    const version = (await demoApp(demo.slug)).versions[0]!;
    const out = path.join(dataDir, 'rebuilt.csar');
    expect(await buildDemoPackage(demo, out)).toEqual({ sha256: version.packageDigest, size: Number(version.packageSize) });
  });

  it('shows the AppD summary ingredients and the Chinese listings the store searches', async () => {
    const video = (await demoApp('edge-video-analytics')).versions[0]!.appd as Record<string, unknown>;
    expect(video).toMatchObject({
      appServiceRequired: [{ serName: 'rnis' }, { serName: 'location' }], appServiceProduced: [{ serName: 'video-analytics' }],
      appTrafficRule: [{ trafficRuleId: 'edge-video-analytics-tr1', action: 'FORWARD_DECAPSULATED' }], appDNSRule: [{ domainName: 'video.acme.example' }], appLatency: { maxLatency: 20_000_000 },
    });
    const search = async (pattern: string) => (await db.$queryRaw<{ slug: string }[]>`SELECT "slug" FROM "app" WHERE "search_text" ILIKE ${pattern} ORDER BY "slug"`).map((r) => r.slug);
    expect(await search('%质检%')).toEqual(['smart-factory-inspection']);
    expect(await search('%视频%')).toContain('edge-video-analytics');
  });

  it('imports the EdgeGallery samples unpublished: validated with legacy-key warnings, or failed with their reports', async () => {
    for (const sample of DEMO_SAMPLES) {
      const app = await demoApp(sample.slug);
      expect(app.uploads, sample.file).toHaveLength(1);
      const upload = app.uploads[0]!;
      expect(upload, sample.file).toMatchObject({ state: sample.outcome, version: sample.version, filename: sample.file });
      const checks = (upload.report as { checks: { id: string; status: string }[] }).checks;
      if (sample.outcome === 'validated') {
        expect(app.versions).toEqual([expect.objectContaining({ status: 'validated', publishedAt: null, id: upload.versionId })]);
        expect(checks.some((c) => c.id === 'manifest.legacy-key' && c.status === 'warn'), sample.file).toBe(true);
        expect(sha256(path.join(dataDir, 'blobs', 'sha256', app.versions[0]!.packageDigest.slice(0, 2), app.versions[0]!.packageDigest))).toBe(app.versions[0]!.packageDigest);
      } else {
        expect(app.versions).toEqual([]);
        expect(checks.filter((c) => c.status === 'fail').length, sample.file).toBeGreaterThan(0);
      }
    }
    const failedIds = async (slug: string) => [...new Set(((await demoApp(slug)).uploads[0]!.report as { checks: { id: string; status: string }[] }).checks.filter((c) => c.status === 'fail').map((c) => c.id))];
    expect(await failedIds('eg-sample-app')).toEqual(['manifest.digest']);
    expect((await failedIds('eg-ar-no-manifest')).sort()).toEqual(['layout.tosca-metadata', 'manifest.present']);
  });

  it('publishes Hello Edge, whose package carries the process bundle the demo agent runs', async () => {
    const hello = await demoApp('hello-edge');
    expect(hello.versions).toHaveLength(1);
    expect(hello.versions[0]).toMatchObject({ version: '1.0.0', status: 'published' });
    const blob = await blobs.stat(hello.versions[0]!.packageDigest);
    const report = await validatePackage(blob!.path);
    expect(report.ok).toBe(true);
    expect(report.appd?.appName).toBe('hello-edge');
    expect(report.checks.filter((c) => c.id === 'manifest.digest').map((c) => c.file)).toEqual(expect.arrayContaining(['Artifacts/Deployment/Process/process.json']));
  });

  it('publishes Zone Watcher, the sample MEC app, experienceable: its AppD produces zone-events and requires Location', async () => {
    const watcher = await demoApp('zone-watcher');
    expect(watcher.experienceable).toBe(true);
    expect((await demoApp('hello-edge')).experienceable).toBe(false);
    expect(watcher.versions).toHaveLength(1);
    expect(watcher.versions[0]).toMatchObject({ version: '1.0.0', status: 'published' });
    const blob = await blobs.stat(watcher.versions[0]!.packageDigest);
    const report = await validatePackage(blob!.path);
    expect(report.ok).toBe(true);
    expect(report.appd).toMatchObject({ appName: 'zone-watcher', appServiceProduced: [{ serName: 'zone-events' }], appServiceRequired: [{ serName: 'location' }] });
    expect(report.checks.filter((c) => c.id === 'manifest.digest').map((c) => c.file)).toEqual(expect.arrayContaining(['Artifacts/Deployment/Process/server.mjs', 'Artifacts/Deployment/Process/lib/watcher.mjs']));
  });

  it('publishes Hello Container, the container sample: its image archive is in the package, covered by the manifest and pinned by the AppD', async () => {
    const sample = await demoApp('hello-container');
    expect(sample.versions).toHaveLength(1);
    expect(sample.versions[0]).toMatchObject({ version: '1.0.0', status: 'published' });
    const blob = await blobs.stat(sample.versions[0]!.packageDigest);
    const report = await validatePackage(blob!.path);
    expect(report.ok).toBe(true);
    expect(report.appd).toMatchObject({
      appName: 'hello-container', appServiceProduced: [{ serName: 'hello-container' }],
      swImageDescriptor: { name: 'localhost/mecport/hello-container', version: '1.0.0', swImage: 'Artifacts/Images/hello-container.tar', checksum: { algorithm: 'sha-256', hash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown } },
    });
    expect(report.checks.filter((c) => c.id === 'manifest.digest').map((c) => c.file)).toEqual(expect.arrayContaining(['Artifacts/Images/hello-container.tar', 'Artifacts/Deployment/Kubernetes/hello-container.yaml']));
  });

  it('says plainly that the container sample is unavailable without busybox-static, and publishes nothing for it', async () => {
    const result = emptyDemoResult();
    const deps = { db, blobs, uploadsDir: path.join(dataDir, 'uploads') };
    const before = await counts();
    expect(await importHelloContainer(deps, result, path.join(dataDir, 'no-busybox-here'))).toBeNull();
    expect(result.problems).toEqual([expect.stringMatching(/container sample \(Hello Container\) is unavailable: .*busybox-static/)]);
    expect(await counts()).toEqual(before);
  });

  it('refuses Hello Edge\'s appDId in another tenant\'s app: the upload fails with the report saying why; one package per appDId stays', async () => {
    const hello = await demoApp('hello-edge');
    const appDId = hello.versions[0]!.appdId;
    const deps = { db, blobs, uploadsDir: path.join(dataDir, 'uploads') };
    const impostor = await freshDeveloper(db, 'globex-telecom');
    const app = await newApp(db, impostor, { provider: 'MECport Demo' });
    const upload = await uploadLocalPackage(deps, impostor, {
      uploadId: randomUUID(), appId: app.id, version: '1.0.0', filename: 'hello.csar',
      write: async (target) => { await buildPackage({ dir: HELLO_EDGE_DIR, out: target, releaseDate: DEMO_RELEASE_DATE }); },
    });
    expect(upload).toMatchObject({ state: 'failed', versionId: null, error: expect.stringContaining(`appDId ${appDId} belongs to another app`) });
    const row = await db.upload.findFirstOrThrow({ where: { appId: app.id } });
    const report = row.report as { checks: { id: string; status: string }[]; summary: Record<string, number> };
    expect(report.summary.fail, 'the summary counts the store\'s checks too').toBe(report.checks.filter((c) => c.status === 'fail').length);
    expect(report.checks).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: 'store.appd-id', status: 'fail' }), expect.objectContaining({ id: 'store.app-provider', status: 'warn' }),
    ]));
    const packages = await listAppPackages(db, { baseUrl: 'http://x', query: { filter: `(eq,appDId,${appDId})` } });
    expect(packages.map((p) => p.id)).toEqual([hello.versions[0]!.id]);
  });

  it('puts back package files that went missing, and keeps a developer\'s edits', async () => {
    const before = await counts();
    const renamed = await db.app.update({ where: { id: (await demoApp('edge-cdn-cache')).id }, data: { name: 'Renamed CDN' } });
    rmSync(path.join(dataDir, 'blobs'), { recursive: true, force: true });
    const result = await run();
    expect(result).toMatchObject({ appsCreated: 0, packagesUploaded: 0, versionsPublished: 0, blobsRestored: before.blobs, problems: [] });
    for (const { digest, size } of await db.packageBlob.findMany()) {
      const blob = await blobs.stat(digest);
      expect(blob?.size).toBe(Number(size));
      expect(sha256(blob!.path)).toBe(digest);
    }
    expect((await db.app.findUniqueOrThrow({ where: { id: renamed.id } })).name).toBe('Renamed CDN');
    expect(await counts()).toEqual(before);
  }, 120_000);

  it('leaves a demo version it did not upload alone and says so, instead of failing an upload of it', async () => {
    const demo = DEMO_APPS[1]!;
    await db.upload.deleteMany({ where: { app: { slug: demo.slug } } });
    const before = await counts();
    const result = await run();
    expect(result.problems).toEqual([expect.stringContaining(`${demo.slug} ${demo.version}: this version was not made by the demo import`)]);
    expect(result).toMatchObject({ packagesUploaded: 0, versionsPublished: 0 });
    expect(await counts()).toEqual(before);
  });

  it('lets two imports run at once without duplicating anything', async () => {
    const before = await counts();
    await Promise.all([run(), run()]);
    expect(await counts()).toEqual(before);
  });
});
