/**
 * The `package.validate` job: validates a completed upload's staged file with the package codec
 * (progress written to the row, throttled), then stores it in the blob store and registers the
 * version; or marks the upload failed with the report. Either way the staged file goes, and a
 * failure leaves no AppVersion row and no blob behind (a blob this attempt created is removed
 * when the database step fails). Exported as `@mecport/core/package-validation`, so the portal
 * never bundles the codec.
 *
 * @example
 * await validateUpload({ db, blobs, uploadsDir, log }, uploadId); // { state: 'validated', versionId }
 */
import { readWorkload, validatePackage, type TProgress, type TValidateOptions, type TValidationReport } from '@mecport/app-package';
import { removeStagedFiles, stagedFiles, type TBlobStore } from '@mecport/blob-store';
import { AppError, type TUploadProgress, type TUploadReport } from '@mecport/contracts';
import type { DbClient, Prisma } from '@mecport/db';
import { recordAudit } from '../audit';
import type { TActor } from '../identity';
import { APPD_ID_TAKEN, appdIdCheck, appProviderCheck, registerVersion } from '../store';
import { removeBlobFileIfUnreferencedLocked, storeArchitecture, withDigestLock } from '../uploads';

export interface TValidateUploadDeps {
  db: DbClient;
  blobs: TBlobStore;
  /** Where the tus file store keeps `<uploadId>` (and `<uploadId>.json`). */
  uploadsDir: string;
  log?: { info: (obj: object, msg?: string) => void; warn: (obj: object, msg?: string) => void };
  /** Codec options (trust store, limits). */
  validateOptions?: TValidateOptions;
  /** Minimum milliseconds between progress writes; default 500. */
  progressIntervalMs?: number;
}

export type TValidateUploadResult =
  | { state: 'validated'; versionId: string; digest: string }
  | { state: 'failed'; error: string }
  | { state: 'skipped'; reason: string };

type TUploadRow = NonNullable<Awaited<ReturnType<DbClient['upload']['findUnique']>>>;

/** The uploader as the audit trail and registerVersion see them (their roles do not matter here). */
async function uploaderActor(db: DbClient, upload: TUploadRow): Promise<TActor> {
  const profile = await db.userProfile.findUnique({ where: { subject: upload.createdBy }, include: { tenant: true } });
  const tenant = profile?.tenant.id === upload.tenantId ? profile.tenant : await db.tenant.findUniqueOrThrow({ where: { id: upload.tenantId } });
  return {
    subject: upload.createdBy, username: profile?.username ?? upload.createdBy, name: profile?.displayName ?? upload.createdBy, email: profile?.email ?? null,
    roles: [], profileId: profile?.id ?? '', locale: 'en', tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
  };
}

function reportOf(report: TValidationReport): TUploadReport {
  return { checks: report.checks.map((c) => ({ id: c.id, status: c.status, message: c.message.slice(0, 4000), ...(c.file !== undefined ? { file: c.file.slice(0, 1000) } : {}), ...(c.line !== undefined ? { line: c.line } : {}) })), summary: report.summary };
}

/** Adds checks to the report, keeping its summary counts true. */
function addChecks(report: TUploadReport, ...checks: TUploadReport['checks']): void {
  for (const check of checks) {
    report.checks.push(check);
    report.summary[check.status] += 1;
  }
}

function refusal(report: TValidationReport): string {
  const failed = report.checks.filter((c) => c.status === 'fail');
  const first = failed[0];
  if (!first) return 'The package failed validation';
  return `The package failed validation (${failed.length} failed check${failed.length > 1 ? 's' : ''}; first: ${first.id}${first.file ? ` in ${first.file}` : ''}: ${first.message})`;
}

export async function validateUpload(deps: TValidateUploadDeps, uploadId: string): Promise<TValidateUploadResult> {
  const { db, blobs, uploadsDir } = deps;
  const upload = await db.upload.findUnique({ where: { id: uploadId } });
  if (!upload) return { state: 'skipped', reason: 'no such upload' };
  if (upload.state !== 'validating') return { state: 'skipped', reason: `upload is ${upload.state}` };
  const actor = await uploaderActor(db, upload);
  const [staged] = stagedFiles(uploadsDir, uploadId);

  const fail = async (error: string, report: TUploadReport | null): Promise<TValidateUploadResult> => {
    await db.$transaction(async (tx) => {
      const { count } = await tx.upload.updateMany({
        where: { id: upload.id, state: 'validating' },
        data: { state: 'failed', error: error.slice(0, 4000), report: (report ?? undefined) as Prisma.InputJsonObject | undefined, progress: { phase: 'done', bytesDone: 0, bytesTotal: Number(upload.size) } },
      });
      if (count === 1) {
        await recordAudit(tx, actor, { action: 'app.upload.fail', target: { type: 'upload', id: upload.id }, data: { appId: upload.appId, version: upload.version, error: error.slice(0, 500), ...(report ? { summary: report.summary } : {}) } });
      }
    });
    await removeStagedFiles(uploadsDir, upload.id);
    deps.log?.info({ uploadId, error }, 'upload failed validation');
    return { state: 'failed', error };
  };

  // 1. The codec, with progress on the row at most every progressIntervalMs.
  const interval = deps.progressIntervalMs ?? 500;
  let lastWrite = 0;
  let lastPhase = '';
  let pending: Promise<unknown> = Promise.resolve();
  const writeProgress = (progress: TUploadProgress) => {
    pending = pending.then(() => db.upload.updateMany({ where: { id: upload.id, state: 'validating' }, data: { progress } })).catch(() => undefined);
  };
  const onProgress = (p: TProgress) => {
    const now = Date.now();
    if (p.phase === lastPhase && now - lastWrite < interval) return;
    lastWrite = now;
    lastPhase = p.phase;
    writeProgress({ phase: p.phase, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal });
  };
  let codec: TValidationReport;
  try {
    codec = await validatePackage(staged, deps.validateOptions ?? {}, onProgress);
  } catch (error) {
    await pending;
    return fail(error instanceof AppError && error.code === 'not-found' ? 'The uploaded file is gone from the staging area; upload it again' : `The package could not be read: ${(error as Error).message}`, null);
  }
  await pending;
  const report = reportOf(codec);
  if (codec.size !== Number(upload.size)) return fail(`The staged file has ${codec.size} bytes, not the ${upload.size} the upload declared`, report);
  if (!codec.ok) return fail(refusal(codec), report);
  if (!codec.appd) return fail('The package has no AppD that validates', report);
  // The store's own checks join the codec's in the report: whose appDId it is, and who the AppD says provides it.
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: upload.tenantId }, select: { name: true, nameZh: true } });
  const ownership = await appdIdCheck(db, upload.appId, codec.appd.appDId);
  addChecks(report, ownership, appProviderCheck(codec.appd.appProvider, tenant));
  if (ownership.status === 'fail') return fail(`The package failed validation (1 failed check; first: ${ownership.id}: ${ownership.message})`, report);
  const architecture = storeArchitecture(codec.architectures);
  if (!architecture) return fail(`The package declares ${codec.architectures.join(', ')}; the store takes one of x86_64 or aarch64`, report);
  // What it runs as, kept on the version (the store says process or container app; deployments check nodes against it).
  const workload = await readWorkload(staged, codec.appd).catch(() => undefined);

  // 2. A version name is used once per app (versions are immutable). A version with these very bytes,
  //    registered after this upload began and claimed by no upload, is this job's own earlier attempt
  //    (the worker stopped between the two commits): it is adopted instead of refused.
  const existing = await db.appVersion.findFirst({ where: { appId: upload.appId, version: upload.version } });
  let versionId: string;
  if (existing) {
    const own = existing.packageDigest === codec.sha256 && existing.createdAt >= upload.createdAt && !(await db.upload.findFirst({ where: { versionId: existing.id }, select: { id: true } }));
    if (!own) return fail(`App ${upload.appId} already has a version ${upload.version}; versions are immutable, upload the package under a new version`, report);
    versionId = existing.id;
  } else {
    // 3. Blob and version, under the digest's lock; a blob this attempt created goes again if the database step fails.
    writeProgress({ phase: 'store', bytesDone: 0, bytesTotal: codec.size });
    await pending;
    try {
      versionId = await withDigestLock(db, codec.sha256, async () => {
        const put = await blobs.putFromFile(staged, { link: true });
        try {
          if (put.digest !== codec.sha256) throw new AppError('conflict', 'The staged file changed while it was validated; upload it again');
          const version = await registerVersion(db, actor, {
            appId: upload.appId, version: upload.version, digest: put.digest, size: put.size, appd: codec.appd as unknown as Record<string, unknown>, architecture, report: { checks: report.checks }, ...(workload ? { workload } : {}),
          });
          return version.id;
        } catch (error) {
          if (put.created) await removeBlobFileIfUnreferencedLocked(db, blobs, put.digest);
          throw error;
        }
      });
    } catch (error) {
      // Another app published this appDId between the check above and this commit.
      if (error instanceof AppError && error.extensions?.reason === APPD_ID_TAKEN) {
        report.checks.splice(report.checks.indexOf(ownership), 1);
        addChecks(report, { ...ownership, status: 'fail', message: error.message });
      }
      if (error instanceof AppError) return fail(error.message, report);
      deps.log?.warn({ uploadId, err: error }, 'storing the validated package failed');
      return fail('Storing the package failed; upload it again', report);
    }
  }

  // 4. The upload points at its version; the staged file goes.
  await db.$transaction(async (tx) => {
    await tx.upload.update({ where: { id: upload.id }, data: { state: 'validated', versionId, report: report as unknown as Prisma.InputJsonObject, error: null, progress: { phase: 'done', bytesDone: codec.size, bytesTotal: codec.size } } });
    await recordAudit(tx, actor, { action: 'app.upload.validate', target: { type: 'upload', id: upload.id }, data: { appId: upload.appId, version: upload.version, versionId, digest: codec.sha256, summary: report.summary } });
  });
  await removeStagedFiles(uploadsDir, upload.id);
  deps.log?.info({ uploadId, versionId }, 'upload validated');
  return { state: 'validated', versionId, digest: codec.sha256 };
}
