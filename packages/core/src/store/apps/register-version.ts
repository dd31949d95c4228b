/**
 * Registers an uploaded, validated package as a new version of an app. The upload job calls this
 * after the codec has checked the package and the blob store holds the file under its sha256.
 * A report with a failed check is refused, and so is an appDId another app owns; otherwise the
 * version starts as `validated`.
 *
 * @example
 * await registerVersion(db, actor, { appId, version: '1.0.0', digest, size: 1234, appd, architecture: 'x86_64', report: { checks } });
 */
import { AppError, ZAppVersionName, ZAppWorkload, ZArchitecture, ZSha256Hex, ZValidationReport, type TAppVersion, type TAppWorkload, type TArchitecture, type TValidationReport } from '@mecport/contracts';
import { Prisma, type DbClient } from '@mecport/db';
import { z } from 'zod';
import { recordAudit } from '../../audit';
import type { TActor } from '../../identity';
import { assertAppdIdFree } from './appd-id-owner';
import { findTenantApp } from './find-app';
import { toAppVersion } from './mappers';

export interface TVersionRegistration {
  appId: string;
  version: string;
  /** sha256 of the package file, lower-case hex. */
  digest: string;
  size: number | bigint;
  /** The MEC 010-2 AppD projection; its `appDId` becomes the version's appdId. */
  appd: Record<string, unknown>;
  architecture: TArchitecture;
  report: TValidationReport;
  /** What the package runs as (`@mecport/app-package` readWorkload), kept with its ports; absent: read at its first deployment. */
  workload?: TAppWorkload;
}

const ZRegistration = z.object({
  appId: z.string().uuid(),
  version: ZAppVersionName,
  digest: ZSha256Hex,
  size: z.union([z.number().int().min(0), z.bigint().min(0n)]),
  appd: z.looseObject({ appDId: z.string().min(1).max(200) }),
  architecture: ZArchitecture,
  report: ZValidationReport,
  workload: ZAppWorkload.optional(),
});

export async function registerVersion(db: DbClient, actor: TActor, registration: TVersionRegistration, requestId?: string): Promise<TAppVersion> {
  const parsed = ZRegistration.safeParse(registration);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('validation', `Cannot register this version: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const input = parsed.data;
  const failed = input.report.checks.filter((check) => check.status === 'fail');
  if (failed.length > 0) {
    const first = failed[0]!;
    throw new AppError('validation', `The package failed validation (${failed.length} failed check${failed.length > 1 ? 's' : ''}; first: ${first.id}${first.file ? ` in ${first.file}` : ''}: ${first.message})`, {
      extensions: { failedChecks: failed.map((c) => c.id) },
    });
  }
  const size = BigInt(input.size);
  try {
    return await db.$transaction(async (tx) => {
      const app = await findTenantApp(tx, actor.tenant.id, input.appId);
      await assertAppdIdFree(tx, app.id, input.appd.appDId);
      const blob = await tx.packageBlob.upsert({ where: { digest: input.digest }, create: { digest: input.digest, size }, update: {} });
      if (blob.size !== size) throw new AppError('conflict', `Blob ${input.digest} is stored with ${blob.size} bytes, not ${size}`);
      const version = await tx.appVersion.create({
        data: {
          appId: app.id, version: input.version, packageDigest: input.digest, packageSize: size, appd: input.appd as Prisma.InputJsonObject, appdId: input.appd.appDId,
          architecture: input.architecture, status: 'validated', validationReport: input.report as unknown as Prisma.InputJsonObject,
          ...(input.workload ? { workload: input.workload, declaredPorts: input.workload.runtime === 'process' || input.workload.runtime === 'container' ? input.workload.ports : [] } : {}),
        },
      });
      await recordAudit(tx, actor, { action: 'app.version.register', target: { type: 'app-version', id: version.id }, data: { appId: app.id, version: version.version, digest: input.digest }, requestId });
      return toAppVersion(version);
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('conflict', `App ${input.appId} already has a version ${input.version}; versions are immutable, upload it under a new version`);
    }
    throw error;
  }
}
