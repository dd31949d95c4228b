/**
 * The store's "try it" (EdgeGallery's online experience): any signed-in visitor gets a short-lived
 * sandbox of their own running the app's latest published version in the default scenario, if the
 * app is published and its publisher made it experienceable. One per visitor at a time (a new one
 * replaces the old); not counted in the visitor's tenant's quota; expires after 10 minutes.
 */
import { AppError } from '@mecport/contracts';
import type { TSandbox } from '@mecport/contracts/sandbox';
import { recordAudit } from '../audit';
import type { TActor } from '../identity';
import { provisionSandbox } from './create-sandbox';
import { removeSandboxRow } from './delete-sandbox';
import { deployVersion } from './deploy-sandbox';
import { cacheSite } from './host-state';
import { toSandbox } from './mappers';
import { notExperienceable } from './problems';
import { EXPERIENCE, requireHost, type TSandboxDeps } from './sandbox-deps';

export async function experienceApp(deps: TSandboxDeps, actor: TActor, appId: string, requestId?: string): Promise<TSandbox> {
  const host = requireHost(deps);
  const app = await deps.db.app.findFirst({ where: { id: appId, latestVersionId: { not: null } }, select: { id: true, name: true, experienceable: true, latestVersionId: true } });
  if (!app?.latestVersionId) throw new AppError('not-found', `No app ${appId} in the store`);
  if (!app.experienceable) throw notExperienceable(appId);
  const version = await deps.db.appVersion.findUniqueOrThrow({ where: { id: app.latestVersionId }, select: { id: true, version: true, packageDigest: true, status: true } });
  await replacePrevious(deps, actor, requestId);
  const scenario = await host.scenario(EXPERIENCE.scenarioId);
  const row = await provisionSandbox(deps, actor, {
    scenario, clock: 'real', seed: scenario.defaultSeed, name: `Try ${app.name}`, ttlSec: EXPERIENCE.ttlSec, experience: true,
  }, requestId);
  try {
    await deployVersion(deps, actor, row, { ...version, app: { id: app.id, name: app.name } }, requestId);
    const site = await host.act(row.id, 'start');
    const current = await deps.db.sandbox.findUniqueOrThrow({ where: { id: row.id } });
    return toSandbox(await cacheSite(deps.db, current, site), site);
  } catch (error) {
    // Nothing half-made: a visitor whose app did not deploy gets no sandbox, and the trail says why.
    await host.deleteSite(row.id).catch(() => undefined);
    await removeSandboxRow(deps.db, row, actor, 'sandbox.delete', requestId, { experienceFailed: true });
    throw error;
  }
}

/** The visitor's earlier experience sandbox goes first: one at a time. */
async function replacePrevious(deps: TSandboxDeps, actor: TActor, requestId?: string): Promise<void> {
  const host = requireHost(deps);
  const previous = await deps.db.sandbox.findMany({ where: { ownerSubject: actor.subject, experience: true } });
  for (const row of previous) {
    await host.deleteSite(row.id);
    await removeSandboxRow(deps.db, row, actor, 'sandbox.delete', requestId, { replaced: true });
  }
}

/**
 * A store admin marks a store app of their tenant experienceable (or not); the app's own developers
 * do it with the listing's PATCH. Another tenant's app is a 404, as everywhere. Audited.
 */
export async function setExperienceable(db: TSandboxDeps['db'], actor: TActor, appId: string, experienceable: boolean, requestId?: string): Promise<{ appId: string; experienceable: boolean }> {
  return db.$transaction(async (tx) => {
    const app = await tx.app.findFirst({ where: { id: appId, tenantId: actor.tenant.id, latestVersionId: { not: null } }, select: { id: true, experienceable: true } });
    if (!app) throw new AppError('not-found', `No app ${appId} in the store`);
    if (app.experienceable !== experienceable) {
      await tx.app.update({ where: { id: app.id }, data: { experienceable } });
      await recordAudit(tx, actor, { action: 'app.experienceable', target: { type: 'app', id: app.id }, requestId, data: { experienceable } });
    }
    return { appId: app.id, experienceable };
  });
}
