/**
 * The edge channel against FakePortal, which stands in for the portal's /api/v1/edge routes
 * only until those routes exist (the lead adds the same checks against the real portal).
 */
import { createPrivateKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TDesiredState } from '@mecport/contracts';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostMetrics } from '../metrics/host-metrics';
import { FakePortal } from '../testing/fake-portal';
import { waitFor } from '../testing/sample-app';
import { EdgeChannel } from './edge-channel';
import { enrol } from './enrol';
import { PortalClient, PortalError } from './portal-client';
import { TokenSigner } from './token-signer';

let portal: FakePortal;
let dir: string;
const channels: EdgeChannel[] = [];

beforeEach(async () => {
  portal = await FakePortal.start();
  dir = await mkdtemp(join(tmpdir(), 'agent-channel-'));
});
afterEach(async () => {
  await Promise.all(channels.splice(0).map((c) => c.stop()));
  await portal.stop();
  await rm(dir, { recursive: true, force: true });
});

async function enrolled() {
  const { token } = portal.createEnrolmentToken();
  const { credentials, privateKeyPem } = await enrol({ portalUrl: portal.url, token, hostname: 'edge-test' });
  const signer = new TokenSigner(createPrivateKey(privateKeyPem), credentials);
  return { credentials, client: new PortalClient({ portalUrl: portal.url, nodeId: credentials.nodeId, signer }) };
}

function channel(client: PortalClient, after: number, received: TDesiredState[], heartbeatIntervalSec = 1) {
  const metrics = new HostMetrics(dir);
  const c = new EdgeChannel({
    client, after, heartbeatIntervalSec, agentVersion: '0.1.0-test', waitSec: 2,
    backoff: { baseMs: 50, maxMs: 300 },
    onDesired: (doc) => void received.push(doc),
    heartbeat: async () => ({ appliedRevision: received.at(-1)?.revision ?? -1, metrics: await metrics.sample(), instances: [], services: [] }),
  });
  channels.push(c);
  c.start();
  return c;
}

describe('enrolment', () => {
  it('uses a one-time token once, sends the public key only, and refuses a used or expired token', async () => {
    const { token, nodeId } = portal.createEnrolmentToken({ name: 'shenzhen-01' });
    const { credentials, privateKeyPem } = await enrol({ portalUrl: portal.url, token, hostname: 'edge-test' });
    expect(credentials).toMatchObject({ nodeId, nodeName: 'shenzhen-01', audience: 'mecport-edge' });
    expect(privateKeyPem).toContain('BEGIN PRIVATE KEY');
    expect(portal.node(nodeId).hostname).toBe('edge-test');
    await expect(enrol({ portalUrl: portal.url, token, hostname: 'x' })).rejects.toThrow(/410 the enrolment token was already used/);
    const expired = portal.createEnrolmentToken({ ttlMs: -1 });
    await expect(enrol({ portalUrl: portal.url, token: expired.token, hostname: 'x' })).rejects.toSatisfy((e) => e instanceof PortalError && e.status === 410);
  });
});

describe('TokenSigner', () => {
  it('signs EdDSA JWTs with the credential as kid and reuses one until it is close to expiry', async () => {
    const ids = { nodeId: randomUUID(), credentialId: randomUUID() };
    let now = Date.parse('2026-11-27T10:00:00Z');
    const signer = new TokenSigner(generateKeyPairSync('ed25519').privateKey, ids, () => now);
    const first = await signer.token();
    expect(decodeProtectedHeader(first)).toEqual({ alg: 'EdDSA', kid: ids.credentialId });
    const claims = decodeJwt(first);
    expect(claims).toMatchObject({ iss: ids.nodeId, sub: ids.nodeId, aud: 'mecport-edge', iat: now / 1000 });
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(300);
    now += 200_000;
    expect(await signer.token()).toBe(first);
    now += 20_000; // 80 s left: renew
    const second = await signer.token();
    expect(second).not.toBe(first);
    expect(decodeJwt(second).jti).not.toBe(claims.jti);
  });
});

describe('EdgeChannel', () => {
  it('long-polls from the revision it holds, gets each newer one, and heartbeats with one token', async () => {
    const { credentials, client } = await enrolled();
    const nodeId = credentials.nodeId;
    portal.setDesired(nodeId, []);
    portal.setDesired(nodeId, []); // revision 2
    const received: TDesiredState[] = [];
    channel(client, 1, received);
    await waitFor('revision 2', () => received.some((d) => d.revision === 2));
    expect(portal.calls.some((c) => c.path.includes('/desired?after=1&waitSec=2'))).toBe(true);
    await waitFor('the long-poll to wait after revision 2', () => portal.calls.some((c) => c.path.includes('after=2') && c.status === 204));
    portal.setDesired(nodeId, []);
    await waitFor('revision 3', () => received.some((d) => d.revision === 3));
    expect(received.map((d) => d.revision)).toEqual([2, 3]);
    await waitFor('two heartbeats', () => portal.node(nodeId).heartbeats.length >= 2);
    const beat = portal.node(nodeId).heartbeats[0]!;
    expect(beat.agentVersion).toBe('0.1.0-test');
    expect(beat.metrics.memTotalBytes).toBeGreaterThan(0);
    expect(beat.metrics.diskTotalBytes).toBeGreaterThan(0);
    expect(portal.node(nodeId).tokens.size).toBe(1);
  });

  it('keeps trying while the portal is down, then delivers the latest report and resumes', async () => {
    const { credentials, client } = await enrolled();
    const received: TDesiredState[] = [];
    const c = channel(client, -1, received);
    await waitFor('online', () => c.state === 'online');
    await portal.stop();
    await waitFor('offline', () => c.state === 'offline');
    c.report({ appliedRevision: 0, outcome: 'applied', message: null, instances: [] });
    c.report({ appliedRevision: 1, outcome: 'failed', message: 'newer', instances: [] });
    await new Promise((resolve) => setTimeout(resolve, 500)); // several failed attempts, no crash
    portal.setDesired(credentials.nodeId, []);
    await portal.listen();
    await waitFor('online again', () => c.state === 'online');
    await waitFor('the report', () => portal.node(credentials.nodeId).reports.length > 0);
    expect(portal.node(credentials.nodeId).reports).toEqual([{ appliedRevision: 1, outcome: 'failed', message: 'newer', instances: [] }]);
    await waitFor('revision 1 after the outage', () => received.some((d) => d.revision === 1));
  });

  it('stops for good in state revoked on a 401', async () => {
    const { credentials, client } = await enrolled();
    const states: string[] = [];
    const c = new EdgeChannel({
      client, after: -1, heartbeatIntervalSec: 1, agentVersion: 't', waitSec: 1, backoff: { baseMs: 50, maxMs: 100 },
      onDesired: () => undefined, heartbeat: async () => ({ appliedRevision: -1, metrics: { cpuPercent: 0, memUsedBytes: 0, memTotalBytes: 0, diskUsedBytes: 0, diskTotalBytes: 0, load1: 0, load5: 0, load15: 0 }, instances: [], services: [] }),
      onState: (state) => void states.push(state),
    });
    channels.push(c);
    c.start();
    await waitFor('online', () => c.state === 'online');
    portal.revoke(credentials.nodeId);
    await waitFor('revoked', () => c.state === 'revoked');
    const calls = portal.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(portal.calls.length).toBe(calls);
    expect(states).toEqual(['online', 'revoked']);
  });

  it('runs many channels in one process', async () => {
    const nodes = await Promise.all(Array.from({ length: 50 }, () => enrolled()));
    const received = nodes.map(() => [] as TDesiredState[]);
    nodes.forEach((n, i) => channel(n.client, -1, received[i]!, 5));
    for (const n of nodes) portal.setDesired(n.credentials.nodeId, []);
    await waitFor('every channel got its revision', () => received.every((r) => r.some((d) => d.revision === 1)));
    expect(received.every((r) => r.every((d) => d.nodeId === nodes[received.indexOf(r)]!.credentials.nodeId))).toBe(true);
  });
});
