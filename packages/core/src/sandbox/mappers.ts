/** Sandbox rows (with the host's answer when there is one) to the public API's `ZSandbox`. */
import type { THostSite, TSandbox } from '@mecport/contracts/sandbox';
import { ZNetworkShaping, ZSandboxDeployment, ZSandboxStatus } from '@mecport/contracts/sandbox';
import { Prisma, type Sandbox } from '@mecport/db';

/** The host's answer as the row caches it. */
export function cacheOf(site: THostSite): Prisma.SandboxUpdateInput {
  return {
    status: site.status, failureReason: site.failureReason, timeSec: site.timeSec,
    deployment: site.deployment ? (site.deployment as unknown as Prisma.InputJsonObject) : Prisma.DbNull,
    networkShaping: site.networkShaping as Prisma.InputJsonObject,
  };
}

export function toSandbox(row: Sandbox, site?: THostSite): TSandbox {
  const deployment = ZSandboxDeployment.nullable().safeParse(site ? site.deployment : row.deployment);
  const shaping = ZNetworkShaping.safeParse(site ? site.networkShaping : row.networkShaping);
  const status = ZSandboxStatus.safeParse(site ? site.status : row.status);
  return {
    id: row.id, name: row.name, scenarioId: row.scenarioId, seed: row.seed, clock: row.clock === 'virtual' ? 'virtual' : 'real',
    status: status.success ? status.data : 'failed',
    failureReason: site ? site.failureReason : row.failureReason,
    timeSec: site ? site.timeSec : row.timeSec,
    experience: row.experience, ownerId: row.ownerSubject,
    createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt.toISOString(),
    deployment: deployment.success ? deployment.data : null,
    networkShaping: shaping.success ? shaping.data : { real: false, reason: 'not reported by the sandbox host yet' },
  };
}

/**
 * Whether the host's answer differs from what the row caches (so a read writes only on change).
 * The clock alone is no change: it moves every second on a running sandbox, whose every read would
 * then write; answers take it from the host, and the row's copy only serves a lost site.
 */
export function cacheDiffers(row: Sandbox, site: THostSite): boolean {
  return row.status !== site.status || row.failureReason !== site.failureReason
    || JSON.stringify(row.deployment ?? null) !== JSON.stringify(site.deployment ?? null)
    || JSON.stringify(row.networkShaping) !== JSON.stringify(site.networkShaping);
}
