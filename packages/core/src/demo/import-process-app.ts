/**
 * A demo app that the local MEP agent can run: a package folder with a process bundle (Hello Edge,
 * Zone Watcher), built with the codec's builder at the demo release date (the same bytes every
 * time), or a package its own builder writes (Hello Container, whose image archive is made at
 * build time); uploaded, validated and published by its tenant's developer.
 */
import { buildPackage } from '@mecport/app-package';
import type { TAppCreate } from '@mecport/contracts';
import { type TDemoDeps, demoActor, demoDeveloper, demoUploadId } from './demo-context';
import { DEMO_RELEASE_DATE } from './build-demo-package';
import { type TDemoImportResult, countRestore } from './demo-result';
import { ensureDemoApp } from './ensure-demo-app';
import { restoreBlob, uploadLocalPackage, type TWritePackage } from './upload-local-package';
import { setExperienceable } from '../sandbox';
import { publishVersion } from '../store';

export type TProcessDemoApp = {
  tenant: string;
  version: string;
  listing: TAppCreate;
  /** Store visitors may try it in a sandbox; set when the first import publishes it (a later change by an admin stays). */
  experienceable?: boolean;
} & (
  /** The package folder `npx mecport-pkg build` takes. */
  | { dir: string }
  /** Writes the package file itself (the same bytes every time). */
  | { write: TWritePackage }
);

/** The published version's id, or null when it could not be published (said in `result.problems`). */
export async function importProcessDemoApp(deps: TDemoDeps, result: TDemoImportResult, app: TProcessDemoApp): Promise<string | null> {
  const { slug, name } = app.listing;
  const developer = await demoActor(deps.db, demoDeveloper(app.tenant));
  const appId = await ensureDemoApp(deps, developer, app.listing, result);
  const write: TWritePackage = 'write' in app ? app.write : async (target) => { await buildPackage({ dir: app.dir, out: target, releaseDate: DEMO_RELEASE_DATE }); };
  const upload = await uploadLocalPackage(deps, developer, {
    uploadId: demoUploadId(app.tenant, slug, app.version), appId, version: app.version, filename: `${slug}-${app.version}.csar`, write,
  });
  if (upload.uploaded) result.packagesUploaded += 1;
  if (!upload.versionId) {
    result.problems.push(`${name} did not validate: ${upload.error ?? upload.state}`);
    return null;
  }
  const version = await deps.db.appVersion.findUniqueOrThrow({ where: { id: upload.versionId }, select: { status: true, packageDigest: true } });
  if (!upload.uploaded) countRestore(result, name, await restoreBlob(deps, version.packageDigest, write));
  if (version.status === 'validated') {
    await publishVersion(deps.db, developer, appId, upload.versionId);
    result.versionsPublished += 1;
    if (app.experienceable) await setExperienceable(deps.db, developer, appId, true);
  }
  return upload.versionId;
}
