/**
 * The demo store's apps (DEMO_APPS): each listing is created by its tenant's developer, its
 * package is built with the codec's builder and uploaded, validated and published through the
 * same code as a real one; certified apps are marked certified first; downloads, ratings and a
 * comment come from the demo users. Every step checks what is already there, so a later start
 * only repairs (a lost package file is rebuilt) and a developer's edits survive.
 */
import { DEMO_APPS, DEMO_USERS, type DemoApp } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import type { TActor } from '../identity';
import { addComment, publishVersion, putRating, recordDownload } from '../store';
import { buildDemoPackage } from './build-demo-package';
import { demoActor, demoDeveloper, demoUploadId, type TDemoDeps } from './demo-context';
import { countRestore, type TDemoImportResult } from './demo-result';
import { ensureDemoApp } from './ensure-demo-app';
import { restoreBlob, uploadLocalPackage } from './upload-local-package';

/**
 * The certification area is not built yet. Until it is, the demo marks its certified apps the way
 * certification will leave them: status `certified` with its time, which the publish gate accepts.
 */
async function markCertified(db: DbClient, versionId: string): Promise<void> {
  await db.appVersion.updateMany({ where: { id: versionId, status: 'validated' }, data: { status: 'certified', certifiedAt: new Date() } });
}

const DOWNLOAD_BATCH = 4;

/** Downloads, ratings and a comment by the demo users, each only while the app has none. */
async function addActivity(db: DbClient, demo: DemoApp, appId: string, versionId: string, index: number): Promise<void> {
  const actors = new Map<string, TActor>();
  const actorOf = async (i: number) => {
    const user = DEMO_USERS[i % DEMO_USERS.length]!;
    if (!actors.has(user.subject)) actors.set(user.subject, await demoActor(db, user));
    return actors.get(user.subject)!;
  };
  const app = await db.app.findUniqueOrThrow({ where: { id: appId }, select: { downloadCount: true, ratingCount: true, _count: { select: { comments: true } } } });
  if (app.downloadCount === 0) {
    // A few at a time: one by one, the downloads would be most of a first start's demo import.
    for (let from = 0; from < demo.downloads; from += DOWNLOAD_BATCH) {
      const batch = Array.from({ length: Math.min(DOWNLOAD_BATCH, demo.downloads - from) }, (_, k) => from + k);
      const downloaders = await Promise.all(batch.map(actorOf));
      await Promise.all(downloaders.map((actor) => recordDownload(db, actor, versionId)));
    }
  }
  if (app.ratingCount === 0) for (const [i, stars] of demo.stars.entries()) await putRating(db, await actorOf(i), appId, { stars });
  if (app._count.comments === 0 && demo.stars.length > 0) {
    await addComment(db, await actorOf(0), appId, { body: index % 2 ? 'Works well on our edge nodes.' : '部署很顺利，时延明显降低。' });
  }
}

/** The app has the demo version but not from the demo's upload (a database seeded before packages were real): uploading again would only fail. */
async function predatesImport(db: DbClient, uploadId: string, appId: string, version: string): Promise<boolean> {
  if (await db.upload.findUnique({ where: { id: uploadId }, select: { id: true } })) return false;
  return (await db.appVersion.count({ where: { appId, version } })) > 0;
}

async function importDemoApp(deps: TDemoDeps, demo: DemoApp, index: number, result: TDemoImportResult): Promise<void> {
  const actor = await demoActor(deps.db, demoDeveloper(demo.tenant));
  const appId = await ensureDemoApp(deps, actor, {
    slug: demo.slug, name: demo.name, nameZh: demo.nameZh, provider: demo.provider, category: demo.category, industry: demo.industry, tags: demo.tags,
    descriptionEn: demo.descriptionEn, descriptionZh: demo.descriptionZh,
  }, result);
  const uploadId = demoUploadId(demo.tenant, demo.slug, demo.version);
  if (await predatesImport(deps.db, uploadId, appId, demo.version)) {
    result.problems.push(`${demo.slug} ${demo.version}: this version was not made by the demo import (an older demo seed without package files?); delete .data to start afresh`);
    return;
  }
  const write = async (target: string) => { await buildDemoPackage(demo, target); };
  const upload = await uploadLocalPackage(deps, actor, { uploadId, appId, version: demo.version, filename: `${demo.slug}-${demo.version}.csar`, write });
  if (upload.uploaded) result.packagesUploaded += 1;
  if (upload.state !== 'validated') {
    if (upload.uploaded) result.problems.push(`${demo.slug} ${demo.version}: ${upload.error ?? upload.state}`);
    return;
  }
  if (!upload.versionId) return; // a developer deleted the version: respected
  const version = await deps.db.appVersion.findUniqueOrThrow({ where: { id: upload.versionId } });
  if (demo.certified) await markCertified(deps.db, version.id);
  if (!version.publishedAt) {
    await publishVersion(deps.db, actor, appId, version.id);
    result.versionsPublished += 1;
    await addActivity(deps.db, demo, appId, version.id, index);
  }
  countRestore(result, demo.slug, await restoreBlob(deps, version.packageDigest, write));
}

export async function importDemoApps(deps: TDemoDeps, result: TDemoImportResult): Promise<void> {
  for (const [index, demo] of DEMO_APPS.entries()) await importDemoApp(deps, demo, index, result);
}
