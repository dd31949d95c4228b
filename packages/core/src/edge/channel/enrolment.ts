/**
 * Enrolment: the operator gets a one-time token (only its hash is stored) and a one-line command;
 * the agent presents it with the public key it made, and the node gets a fresh credential id.
 * Revoking withdraws the key; re-enrolling needs a new token.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AppError, EDGE_TOKEN_AUDIENCE, type TEnrolmentTicket, type TEnrolRequest, type TEnrolResponse } from '@mecport/contracts';
import { Prisma, type DbClient, type DbTransaction } from '@mecport/db';
import { recordAudit } from '../../audit';
import type { TActor } from '../../identity';
import { findTenantNode } from '../nodes/nodes';

export const DEFAULT_ENROL_TOKEN_TTL_SEC = 24 * 3600;
export const DEFAULT_HEARTBEAT_INTERVAL_SEC = 10;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function enrolCommand(portalUrl: string, token: string): string {
  return `npx mecport-agent enroll --portal ${portalUrl} --token ${token}`;
}

export async function createEnrolmentTicket(
  db: DbClient, actor: TActor, nodeId: string, options: { portalUrl: string; ttlSec?: number }, requestId?: string,
): Promise<TEnrolmentTicket> {
  const token = `mecport-enrol-${randomBytes(24).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + (options.ttlSec ?? DEFAULT_ENROL_TOKEN_TTL_SEC) * 1000);
  await db.$transaction(async (tx) => {
    const node = await findTenantNode(tx, actor.tenant.id, nodeId);
    // One valid token per node: a new ticket voids the older unused ones.
    await tx.enrolmentToken.updateMany({ where: { nodeId, usedAt: null }, data: { expiresAt: new Date() } });
    await tx.enrolmentToken.create({ data: { nodeId, tokenHash: hashToken(token), expiresAt, createdBy: actor.subject } });
    await recordAudit(tx, actor, { action: 'edge.node.enrolment-token', target: { type: 'edge_node', id: nodeId }, data: { name: node.name, expiresAt: expiresAt.toISOString() }, requestId });
  });
  return { nodeId, token, expiresAt: expiresAt.toISOString(), command: enrolCommand(options.portalUrl, token) };
}

async function claimToken(tx: DbTransaction, token: string): Promise<string> {
  const tokenHash = hashToken(token);
  const claimed = await tx.enrolmentToken.updateManyAndReturn({ where: { tokenHash, usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } });
  if (claimed[0]) return claimed[0].nodeId;
  const known = await tx.enrolmentToken.findUnique({ where: { tokenHash } });
  const why = !known ? 'is not one this portal issued' : known.usedAt ? 'was already used' : 'has expired';
  throw new AppError('bad-request', `The enrolment token ${why}; create a new one on the node's page`, { errors: [{ in: 'body', field: 'token', message: why }] });
}

export async function enrolAgent(db: DbClient, input: TEnrolRequest, options: { heartbeatIntervalSec?: number } = {}): Promise<TEnrolResponse> {
  return db.$transaction(async (tx) => {
    const nodeId = await claimToken(tx, input.token);
    const credentialId = randomUUID();
    const current = await tx.edgeNode.findUniqueOrThrow({ where: { id: nodeId }, include: { tenant: true } });
    const node = await tx.edgeNode.update({
      where: { id: nodeId },
      data: {
        publicKey: input.publicKey, credentialId, enrolledAt: new Date(), revokedAt: null, lastHeartbeatAt: new Date(),
        hostname: input.hostname, agentVersion: input.agentVersion, ...(current.capacity === null && input.capacity ? { capacity: input.capacity } : {}),
        runtimes: input.runtimes ?? ['process'], // an agent older than container support runs process bundles only
      },
    });
    const agentActor = { subject: `node:${nodeId}`, name: `agent on ${input.hostname}`, tenant: current.tenant };
    await recordAudit(tx, agentActor, { action: 'edge.node.enrol', target: { type: 'edge_node', id: nodeId }, data: { hostname: input.hostname, agentVersion: input.agentVersion, credentialId, runtimes: input.runtimes ?? ['process'] } });
    return { nodeId, nodeName: node.name, credentialId, audience: EDGE_TOKEN_AUDIENCE, heartbeatIntervalSec: options.heartbeatIntervalSec ?? DEFAULT_HEARTBEAT_INTERVAL_SEC };
  });
}

/** The agent's next call answers 401; its apps keep running until it is re-enrolled. */
export async function revokeNode(db: DbClient, actor: TActor, nodeId: string, requestId?: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const node = await findTenantNode(tx, actor.tenant.id, nodeId);
    if (!node.enrolledAt || node.revokedAt) throw new AppError('conflict', `Node ${node.name} has no credentials to revoke`);
    await tx.edgeNode.update({ where: { id: nodeId }, data: { revokedAt: new Date(), publicKey: Prisma.DbNull, credentialId: null } });
    await tx.enrolmentToken.updateMany({ where: { nodeId, usedAt: null }, data: { expiresAt: new Date() } });
    await recordAudit(tx, actor, { action: 'edge.node.revoke', target: { type: 'edge_node', id: nodeId }, data: { name: node.name }, requestId });
  });
}
