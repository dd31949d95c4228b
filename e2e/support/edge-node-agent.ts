/**
 * What a MEP agent does after the operator shows it an enrolment token, through the same API
 * calls as the real one: enrol with an Ed25519 key made here, then send heartbeats (metrics,
 * Mp1 services) signed with that key. For the edge map and node tests.
 */
import { randomUUID } from 'node:crypto';
import { EDGE_TOKEN_AUDIENCE, type TEnrolResponse, type THeartbeat } from '@mecport/contracts';
import { expect, type APIRequestContext } from '@playwright/test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { call } from './auth-matrix';

export interface TEnrolledAgent { nodeId: string; heartbeat(beat?: Partial<THeartbeat>): Promise<void> }

/** The token inside the one-line command `npx mecport-agent enroll --portal <url> --token <t>`. */
export function tokenOfCommand(command: string): string {
  const token = /--token\s+(\S+)/.exec(command)?.[1];
  if (!token) throw new Error(`no --token in "${command}"`);
  return token;
}

/** `baseUrl`: where the agent talks (the edge gateway, say); by default the portal the tests use. */
export async function enrolWithToken(request: APIRequestContext, token: string, baseUrl = ''): Promise<TEnrolledAgent> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = await exportJWK(publicKey);
  const res = await call(request, { method: 'POST', path: `${baseUrl}/api/v1/edge/enrol`, body: { token, publicKey: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, agentVersion: 'e2e-1.0', hostname: 'e2e-edge-host' } });
  expect(res.status(), await res.text()).toBe(201);
  const enrolled = (await res.json()) as TEnrolResponse;
  const sign = () => new SignJWT({}).setProtectedHeader({ alg: 'EdDSA', kid: enrolled.credentialId }).setIssuer(enrolled.nodeId).setSubject(enrolled.nodeId)
    .setAudience(EDGE_TOKEN_AUDIENCE).setIssuedAt().setExpirationTime('2m').setJti(randomUUID()).sign(privateKey);
  return {
    nodeId: enrolled.nodeId,
    heartbeat: async (beat = {}) => {
      const body: THeartbeat = {
        agentVersion: 'e2e-1.0', appliedRevision: -1, instances: [], services: [],
        metrics: { cpuPercent: 37, memUsedBytes: 6 * 2 ** 30, memTotalBytes: 16 * 2 ** 30, diskUsedBytes: 2 ** 30, diskTotalBytes: 2 ** 36, load1: 0.5, load5: 0.4, load15: 0.3 },
        ...beat,
      };
      const sent = await call(request, { method: 'POST', path: `${baseUrl}/api/v1/edge/nodes/${enrolled.nodeId}/heartbeat`, body }, await sign());
      expect(sent.ok(), await sent.text()).toBe(true);
    },
  };
}
