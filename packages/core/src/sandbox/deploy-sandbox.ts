/**
 * Deploying an app version into a sandbox. The version must belong to the caller's tenant (another
 * tenant's is a 404) and carry a verified package. Host and API share one machine: the package is
 * copied from the blob store into the host's inbox under a temporary name and renamed, so the host
 * never sees half a file; the host moves it in (or the file is deleted when the deployment fails).
 */
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError, notFoundInTenant } from '@mecport/contracts';
import type { TSandbox } from '@mecport/contracts/sandbox';
import type { Sandbox } from '@mecport/db';
import { recordAudit } from '../audit';
import type { TActor } from '../identity';
import { findSandbox } from './access';
import { hostUnavailable } from './host-client';
import { cacheSite, onSite } from './host-state';
import { toSandbox } from './mappers';
import { requireHost, type TSandboxDeps } from './sandbox-deps';

/** Statuses whose package passed validation (a draft has not; the rest did, deprecated included). */
const VERIFIED = ['validated', 'in_certification', 'certified', 'published', 'deprecated'];

export interface TDeployableVersion { id: string; version: string; packageDigest: string; status: string; app: { id: string; name: string } }

export async function deployToSandbox(deps: TSandboxDeps, actor: TActor, sandboxId: string, appVersionId: string, requestId?: string): Promise<TSandbox> {
  const row = await findSandbox(deps.db, actor, sandboxId, 'write');
  const version = await deps.db.appVersion.findFirst({ where: { id: appVersionId, app: { tenantId: actor.tenant.id } }, include: { app: { select: { id: true, name: true } } } });
  if (!version) throw notFoundInTenant('app-version', appVersionId);
  return deployVersion(deps, actor, row, version, requestId);
}

/** Deploys `version` (already checked by the caller) into the sandbox of `row`. */
export async function deployVersion(deps: TSandboxDeps, actor: TActor, row: Sandbox, version: TDeployableVersion, requestId?: string): Promise<TSandbox> {
  const host = requireHost(deps);
  if (!VERIFIED.includes(version.status)) throw new AppError('conflict', `Version ${version.version} has no verified package yet (it is ${version.status})`);
  const packageFile = await placeInInbox(deps, row.id, version);
  try {
    const site = await onSite(deps.db, row, () => host.deploy(row.id, {
      appId: version.app.id, appVersionId: version.id, appName: version.app.name, version: version.version, packageFile, packageSha256: version.packageDigest,
    }));
    const updated = await deps.db.sandbox.update({ where: { id: row.id }, data: { appVersionId: version.id } });
    await recordAudit(deps.db, actor, { action: 'sandbox.deploy', target: { type: 'sandbox', id: row.id }, requestId, data: { appId: version.app.id, appVersionId: version.id, version: version.version } });
    return toSandbox(await cacheSite(deps.db, updated, site), site);
  } finally {
    // The host moved it in when it took the deployment; whatever is left is not wanted.
    await rm(path.join(inboxOf(deps), packageFile), { force: true });
  }
}

function inboxOf(deps: TSandboxDeps): string {
  if (!deps.settings.inboxDir) throw hostUnavailable('The sandbox host\'s directory is not configured (MECPORT_SANDBOX_HOST_DIR), so no package can be handed to it');
  return deps.settings.inboxDir;
}

/** Copies the version's package into the inbox as `<sandbox>-<random>.csar`, atomically; answers the file name. */
async function placeInInbox(deps: TSandboxDeps, sandboxId: string, version: TDeployableVersion): Promise<string> {
  const inbox = inboxOf(deps);
  const stored = deps.blobs ? await deps.blobs.stat(version.packageDigest) : null;
  if (!stored) throw new AppError('not-found', `The package file of version ${version.version} is not in this store`);
  await mkdir(inbox, { recursive: true });
  const name = `${sandboxId}-${randomUUID()}.csar`;
  const temporary = path.join(inbox, `.${name}.part`);
  try {
    await copyFile(stored.path, temporary);
    await rename(temporary, path.join(inbox, name));
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return name;
}
