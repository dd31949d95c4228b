/** Test fixtures for the edge integration tests: operators, nodes, enrolled agents that sign like the real one. */
import { randomUUID } from 'node:crypto';
import { EDGE_TOKEN_AUDIENCE, type TEdgeNode, type TNodeWriteInput } from '@mecport/contracts';
import { ZNodeWrite } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { resolveActor, type TActor } from '../identity';
import { freshIdentity } from './identities';
import { createEnrolmentTicket, enrolAgent, createNode } from '../edge';

export const OPTIONS = { offlineAfterSec: 30 };

export function freshOperator(db: DbClient, tenant?: string): Promise<TActor> {
  return resolveActor(db, freshIdentity(tenant ? { tenant } : {}, ['operator']));
}

export function newNode(db: DbClient, actor: TActor, overrides: Partial<TNodeWriteInput> = {}): Promise<TEdgeNode> {
  return createNode(db, actor, ZNodeWrite.parse({ name: `node-${randomUUID().slice(0, 8)}`, latitude: 31.23, longitude: 121.47, province: '上海市', city: '上海', ...overrides }), OPTIONS);
}

export interface TEnrolled { nodeId: string; credentialId: string; sign(claims?: { lifetimeSec?: number; nodeId?: string }): Promise<string> }

export async function enrolNode(db: DbClient, actor: TActor, nodeId: string): Promise<TEnrolled> {
  const ticket = await createEnrolmentTicket(db, actor, nodeId, { portalUrl: 'http://portal.test' });
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = await exportJWK(publicKey);
  const enrolled = await enrolAgent(db, { token: ticket.token, publicKey: { kty: 'OKP', crv: 'Ed25519', x: jwk.x as string }, agentVersion: 'test', hostname: 'test-host' });
  return {
    nodeId: enrolled.nodeId, credentialId: enrolled.credentialId,
    sign: ({ lifetimeSec = 120, nodeId = enrolled.nodeId } = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({}).setProtectedHeader({ alg: 'EdDSA', kid: enrolled.credentialId }).setIssuer(nodeId).setSubject(nodeId)
        .setAudience(EDGE_TOKEN_AUDIENCE).setIssuedAt(now).setExpirationTime(now + lifetimeSec).setJti(randomUUID()).sign(privateKey);
    },
  };
}

/** A node's desired revision (the portal reads it batched, through ChannelReads). */
export async function readDesiredRevision(db: DbClient, nodeId: string): Promise<number> {
  const node = await db.edgeNode.findUniqueOrThrow({ where: { id: nodeId }, select: { desiredRevision: true } });
  return node.desiredRevision;
}
