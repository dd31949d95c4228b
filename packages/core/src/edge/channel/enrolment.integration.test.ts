/** Enrolment tokens are single use and expire; agent JWTs verify against the enrolled key; revoke and re-enrol work. */
import { getPrisma, type DbClient } from '@mecport/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAgentToken } from './agent-credentials';
import { enrolNode, freshOperator, newNode } from '../../testing/edge-fixtures';
import { createEnrolmentTicket, enrolAgent, revokeNode } from './enrolment';

let db: DbClient;
beforeAll(() => { db = getPrisma(); });

const KEY = { kty: 'OKP' as const, crv: 'Ed25519' as const, x: 'A'.repeat(43) };

describe('enrolment', () => {
  it('gives a one-line command and accepts the token once', async () => {
    const op = await freshOperator(db);
    const node = await newNode(db, op);
    const ticket = await createEnrolmentTicket(db, op, node.id, { portalUrl: 'http://portal.test' });
    expect(ticket.command).toBe(`npx mecport-agent enroll --portal http://portal.test --token ${ticket.token}`);
    const enrolled = await enrolAgent(db, { token: ticket.token, publicKey: KEY, agentVersion: '1', hostname: 'h' });
    expect(enrolled.nodeId).toBe(node.id);
    await expect(enrolAgent(db, { token: ticket.token, publicKey: KEY, agentVersion: '1', hostname: 'h' })).rejects.toThrow(/already used/);
    await expect(enrolAgent(db, { token: 'mecport-enrol-unknown-token-xxxxxxxx', publicKey: KEY, agentVersion: '1', hostname: 'h' })).rejects.toThrow(/not one this portal issued/);
  });

  it('refuses an expired token and voids older tokens when a new one is made', async () => {
    const op = await freshOperator(db);
    const node = await newNode(db, op);
    const expired = await createEnrolmentTicket(db, op, node.id, { portalUrl: 'http://p', ttlSec: -1 });
    await expect(enrolAgent(db, { token: expired.token, publicKey: KEY, agentVersion: '1', hostname: 'h' })).rejects.toThrow(/expired/);
    const first = await createEnrolmentTicket(db, op, node.id, { portalUrl: 'http://p' });
    await createEnrolmentTicket(db, op, node.id, { portalUrl: 'http://p' });
    await expect(enrolAgent(db, { token: first.token, publicKey: KEY, agentVersion: '1', hostname: 'h' })).rejects.toThrow(/expired/);
  });

  it('verifies agent JWTs, refuses long-lived or foreign ones, and revoke + re-enrol rotate the credentials', async () => {
    const op = await freshOperator(db);
    const node = await newNode(db, op);
    const agent = await enrolNode(db, op, node.id);
    expect(await verifyAgentToken(db, await agent.sign())).toEqual({ nodeId: node.id, tenantId: op.tenant.id });
    await expect(verifyAgentToken(db, await agent.sign({ lifetimeSec: 3600 }))).rejects.toThrow(/lifetime/);
    await expect(verifyAgentToken(db, await agent.sign({ nodeId: '00000000-0000-4000-8000-000000000000' }))).rejects.toThrow(/refused/);
    await expect(verifyAgentToken(db, 'not.a.jwt')).rejects.toThrow(/refused/);

    // A token verified before (and remembered as valid) is refused once the node is revoked.
    const reused = await agent.sign();
    expect(await verifyAgentToken(db, reused)).toEqual({ nodeId: node.id, tenantId: op.tenant.id });
    expect(await verifyAgentToken(db, reused)).toEqual({ nodeId: node.id, tenantId: op.tenant.id });
    await revokeNode(db, op, node.id);
    await expect(verifyAgentToken(db, reused)).rejects.toThrow(/revoked/);
    await expect(verifyAgentToken(db, await agent.sign())).rejects.toThrow(/revoked/);
    const again = await enrolNode(db, op, node.id);
    expect(again.credentialId).not.toBe(agent.credentialId);
    expect((await verifyAgentToken(db, await again.sign())).nodeId).toBe(node.id);
    await expect(verifyAgentToken(db, await agent.sign())).rejects.toThrow(/revoked/);
  });

  it('keeps tenants apart: another tenant cannot make a ticket for the node', async () => {
    const op = await freshOperator(db);
    const stranger = await freshOperator(db);
    const node = await newNode(db, op);
    await expect(createEnrolmentTicket(db, stranger, node.id, { portalUrl: 'http://p' })).rejects.toThrow(/No edge node/);
  });
});
