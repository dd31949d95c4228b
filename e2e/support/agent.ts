/**
 * A node enrolled the way the real agent does it (operator creates the node and a ticket, the
 * "agent" makes an Ed25519 key and enrols), for API-level tests of the agent routes.
 */
import { randomUUID } from 'node:crypto';
import { EDGE_TOKEN_AUDIENCE, type TEdgeNode, type TEnrolmentTicket, type TEnrolResponse } from '@mecport/contracts';
import { expect, type APIRequestContext } from '@playwright/test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { call } from './auth-matrix';
import { tokenFor } from './tokens';

export interface TTestAgent { nodeId: string; credentialId: string; token(): Promise<string> }

export async function enrolTestAgent(request: APIRequestContext, operator = 'operator'): Promise<TTestAgent> {
  const op = await tokenFor(operator);
  const created = await call(request, { method: 'POST', path: '/api/v1/edge/nodes', body: { name: `e2e-node-${randomUUID().slice(0, 8)}`, latitude: 22.54, longitude: 114.06, city: 'Shenzhen' } }, op);
  expect(created.status()).toBe(201);
  const node = (await created.json()) as TEdgeNode;
  const ticketResponse = await call(request, { method: 'POST', path: `/api/v1/edge/nodes/${node.id}/enrolment` }, op);
  expect(ticketResponse.status()).toBe(201);
  const ticket = (await ticketResponse.json()) as TEnrolmentTicket;
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = await exportJWK(publicKey);
  const enrolled = await call(request, { method: 'POST', path: '/api/v1/edge/enrol', body: { token: ticket.token, publicKey: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, agentVersion: 'e2e', hostname: 'e2e-host' } });
  expect(enrolled.status()).toBe(201);
  const response = (await enrolled.json()) as TEnrolResponse;
  return {
    nodeId: response.nodeId,
    credentialId: response.credentialId,
    token: () => new SignJWT({}).setProtectedHeader({ alg: 'EdDSA', kid: response.credentialId }).setIssuer(response.nodeId).setSubject(response.nodeId)
      .setAudience(EDGE_TOKEN_AUDIENCE).setIssuedAt().setExpirationTime('2m').setJti(randomUUID()).sign(privateKey),
  };
}
