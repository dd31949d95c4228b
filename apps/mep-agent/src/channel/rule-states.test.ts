/**
 * The edge channel's delivery of rule states (POST /api/v1/edge/rule-states) against FakePortal
 * on loopback, with an injected clock: a 503's Retry-After is waited out and the call retried, the
 * portal's rule-set version reaches the outbox, and a refusal for good drops the changes.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { TRuleStateReport } from '@mecport/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { FakePortal } from '../testing/fake-portal';
import { waitFor } from '../testing/sample-app';
import { EdgeChannel, type TChannelClock } from './edge-channel';
import { PortalClient } from './portal-client';
import { TokenSigner } from './token-signer';

type TChange = TRuleStateReport['changes'][number];
const INSTANCE = randomUUID();
const change = (ruleId: string, appInstanceId = INSTANCE): TChange => ({ appInstanceId, kind: 'dns', ruleId, state: 'INACTIVE', at: new Date().toISOString() });

let portal: FakePortal | undefined;
let channel: EdgeChannel | undefined;
afterEach(async () => {
  await channel?.stop();
  await portal?.stop();
  channel = undefined;
});

async function setUp(answers: { status: number; retryAfter?: string; ruleSetVersion?: number }[]) {
  portal = await FakePortal.start();
  const { nodeId } = portal.createEnrolmentToken();
  const keys = generateKeyPairSync('ed25519');
  const credentialId = randomUUID();
  Object.assign(portal.node(nodeId), { publicKey: keys.publicKey, credentialId, ruleStateAnswers: answers });
  const client = new PortalClient({ portalUrl: portal.url, nodeId, signer: new TokenSigner(keys.privateKey, { nodeId, credentialId }) });
  const waits: { ms: number; release(): void }[] = [];
  // Time stands still except for the rule-state waits the test releases; the other loops sleep long.
  const clock: TChannelClock = {
    now: () => 1_000_000, random: () => 0.5,
    sleep: (ms, signal) => new Promise<void>((resolve) => {
      waits.push({ ms, release: resolve });
      signal?.addEventListener('abort', () => resolve(), { once: true });
    }),
  };
  const outbox: TChange[] = [];
  const settled: { sent: string[]; outcome: { ruleSetVersion?: number; refused?: string } }[] = [];
  channel = new EdgeChannel({
    client, after: 0, heartbeatIntervalSec: 3600, agentVersion: 'test', waitSec: 1, clock, backoff: { baseMs: 1000, maxMs: 30_000 },
    onDesired: () => undefined,
    heartbeat: async () => ({ appliedRevision: 0, metrics: { cpuPercent: 1, memUsedBytes: 1, memTotalBytes: 2, diskUsedBytes: 1, diskTotalBytes: 2, load1: 0, load5: 0, load15: 0 }, instances: [], services: [] }),
    ruleStates: {
      pending: () => outbox,
      settled: (sent, outcome) => {
        settled.push({ sent: sent.map((c) => c.ruleId), outcome });
        for (const c of sent) outbox.splice(outbox.indexOf(c), 1);
        return Promise.resolve();
      },
    },
  });
  channel.start();
  return { nodeId, waits, outbox, settled };
}

describe('rule states on the edge channel', () => {
  it('waits out a 503\'s Retry-After, then delivers; the portal\'s rule-set version reaches the outbox', async () => {
    const { nodeId, waits, outbox, settled } = await setUp([{ status: 503, retryAfter: '20' }, { status: 200, ruleSetVersion: 7 }]);
    outbox.push(change('dns-1'), change('dns-2'));
    channel!.kickRuleStates();
    const wait = await waitFor('the wait after the 503', () => waits.find((w) => w.ms === 25_000)); // 20 s, spread by a quarter (random 0.5)
    expect(settled).toEqual([]);
    wait.release();
    await waitFor('delivered', () => settled.length === 1);
    expect(settled).toEqual([{ sent: ['dns-1', 'dns-2'], outcome: { ruleSetVersion: 7 } }]);
    expect(portal!.node(nodeId).ruleStates.map((r) => r.changes.map((c) => c.ruleId))).toEqual([['dns-1', 'dns-2']]);
  });

  it('sends one instance\'s switches per call, and drops those the portal refuses for good (a 4xx) without touching the other instance\'s', async () => {
    const { nodeId, outbox, settled } = await setUp([{ status: 404 }]);
    const other = randomUUID();
    outbox.push(change('gone'), change('next', other), change('gone-too'));
    channel!.kickRuleStates();
    await waitFor('refused, then the other taken', () => settled.length === 2);
    expect(settled[0]).toEqual({ sent: ['gone', 'gone-too'], outcome: { refused: expect.stringMatching(/rule states: 404/) } });
    expect(settled[1]).toEqual({ sent: ['next'], outcome: {} });
    expect(portal!.node(nodeId).ruleStates.map((r) => r.changes.map((c) => c.ruleId))).toEqual([['next']]);
  });
});
