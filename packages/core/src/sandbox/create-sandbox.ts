/**
 * Creating a sandbox. The row comes first, in a transaction that holds the tenant's quota lock
 * (experience sandboxes do not count); then the host builds the site. If the host fails, the row
 * goes again and the error is answered: nothing is left half-made. The audit entry is written
 * once the site exists.
 */
import type { TSandbox, TSandboxClock, TSandboxCreate, TScenario } from '@mecport/contracts/sandbox';
import type { Sandbox } from '@mecport/db';
import { AppError } from '@mecport/contracts';
import { recordAudit } from '../audit';
import type { TActor } from '../identity';
import { SANDBOX_WRITERS } from './access';
import { cacheSite } from './host-state';
import { toSandbox } from './mappers';
import { quotaExceeded } from './problems';
import { requireHost, type TSandboxDeps } from './sandbox-deps';

export interface TNewSandbox {
  scenario: TScenario;
  clock: TSandboxClock;
  seed: number;
  name: string;
  ttlSec: number;
  experience: boolean;
}

/** Containment default: requests per second the app may make to the MEC APIs before the sandbox fails. */
const RATE_LIMIT_PER_SEC = 200;

export async function createSandbox(deps: TSandboxDeps, actor: TActor, create: TSandboxCreate, requestId?: string): Promise<TSandbox> {
  if (!actor.roles.some((role) => SANDBOX_WRITERS.includes(role))) throw new AppError('forbidden', 'Only developers and admins create sandboxes');
  const host = requireHost(deps);
  const scenario = await host.scenario(create.scenarioId);
  const row = await provisionSandbox(deps, actor, {
    scenario, clock: create.clock, seed: create.seed ?? scenario.defaultSeed, name: create.name ?? scenario.name.en,
    ttlSec: create.ttlSec ?? deps.settings.ttlSec, experience: false,
  }, requestId);
  return toSandbox(row);
}

/** The row, then the site; the row is removed again if the site cannot be made. */
export async function provisionSandbox(deps: TSandboxDeps, actor: TActor, sandbox: TNewSandbox, requestId?: string): Promise<Sandbox> {
  const host = requireHost(deps);
  const expiresAt = new Date(Date.now() + sandbox.ttlSec * 1000);
  const row = await deps.db.$transaction(async (tx) => {
    if (!sandbox.experience) {
      // One creator at a time per tenant, so that two requests cannot both take the last place.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`sandbox-quota:${actor.tenant.id}`}, 0))`;
      const used = await tx.sandbox.count({ where: { tenantId: actor.tenant.id, experience: false } });
      if (used >= deps.settings.quota) throw quotaExceeded(deps.settings.quota);
    }
    return tx.sandbox.create({
      data: {
        tenantId: actor.tenant.id, ownerSubject: actor.subject, name: sandbox.name, scenarioId: sandbox.scenario.id, seed: sandbox.seed,
        clock: sandbox.clock, experience: sandbox.experience, expiresAt,
      },
    });
  });
  try {
    const site = await host.putSite(row.id, { scenario: sandbox.scenario, seed: sandbox.seed, clock: sandbox.clock, expiresAt: expiresAt.toISOString(), rateLimitPerSec: RATE_LIMIT_PER_SEC });
    const cached = await cacheSite(deps.db, row, site);
    await recordAudit(deps.db, actor, {
      action: 'sandbox.create', target: { type: 'sandbox', id: row.id }, requestId,
      data: { scenarioId: sandbox.scenario.id, seed: sandbox.seed, clock: sandbox.clock, experience: sandbox.experience, expiresAt: expiresAt.toISOString() },
    });
    return cached;
  } catch (error) {
    // The host may have built part of the site before failing: ask it to remove whatever it has.
    await host.deleteSite(row.id).catch(() => undefined);
    await deps.db.sandbox.deleteMany({ where: { id: row.id } });
    throw error;
  }
}
