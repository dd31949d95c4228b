/**
 * The EdgeGallery sample packages (DEMO_SAMPLES), each uploaded unchanged as a version of its own
 * demo app and validated like any upload: the good ones become validated versions (not published),
 * the others failed uploads whose reports the developer workspace shows. The files are the copies
 * in packages/app-package/test-data/edgegallery, Apache-2.0 (LICENSE beside them).
 */
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_SAMPLES, type DemoSample } from '@mecport/contracts';
import { demoActor, demoDeveloper, demoUploadId, type TDemoDeps } from './demo-context';
import { countRestore, type TDemoImportResult } from './demo-result';
import { ensureDemoApp } from './ensure-demo-app';
import { restoreBlob, uploadLocalPackage } from './upload-local-package';

/** Where the repository keeps the samples. */
export const DEMO_SAMPLES_DIR = path.resolve(import.meta.dirname, '../../../app-package/test-data/edgegallery');

async function importSample(deps: TDemoDeps, sample: DemoSample, samplesDir: string, result: TDemoImportResult): Promise<void> {
  const actor = await demoActor(deps.db, demoDeveloper(sample.tenant));
  const appId = await ensureDemoApp(deps, actor, {
    slug: sample.slug, name: sample.name, nameZh: sample.nameZh, provider: sample.provider, category: sample.category, industry: null, tags: ['EdgeGallery', 'sample'],
    descriptionEn: sample.descriptionEn, descriptionZh: sample.descriptionZh,
  }, result);
  const write = (target: string) => copyFile(path.join(samplesDir, sample.file), target);
  const upload = await uploadLocalPackage(deps, actor, { uploadId: demoUploadId(sample.tenant, sample.slug, sample.version), appId, version: sample.version, filename: sample.file, write });
  if (upload.uploaded) result.packagesUploaded += 1;
  if (upload.uploaded && upload.state !== sample.outcome) result.problems.push(`${sample.file}: ${upload.state}, not ${sample.outcome}${upload.error ? ` (${upload.error})` : ''}`);
  if (!upload.versionId) return;
  const version = await deps.db.appVersion.findUniqueOrThrow({ where: { id: upload.versionId }, select: { packageDigest: true } });
  countRestore(result, sample.file, await restoreBlob(deps, version.packageDigest, write));
}

export async function importDemoSamples(deps: TDemoDeps, result: TDemoImportResult, samplesDir = DEMO_SAMPLES_DIR): Promise<void> {
  for (const sample of DEMO_SAMPLES) await importSample(deps, sample, samplesDir, result);
}
