/**
 * The real agent driving the real nftables adapter inside a network namespace this test creates
 * (`agent-rules-<n>`, deleted afterwards; the host's ruleset is never touched): the node's rules
 * become the instance's tables (results `applied` only after nft read them back), a STOPPED
 * instance's tables go, and a change of the node's data plane removes the old one's tables.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TDesiredAppInstance } from '@mecport/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FakePortal } from './testing/fake-portal';
import { buildHelloEdge, desiredInstance, freePort } from './testing/sample-app';
import { TestNode } from './testing/test-node';

const exec = promisify(execFile);
const bundle = inject('agentBundle');
const NETNS = `agent-rules-${process.pid}`;
let portal: FakePortal;
let node: TestNode | undefined;

beforeAll(async () => {
  await exec('ip', ['netns', 'add', NETNS]);
  portal = await FakePortal.start();
});
afterAll(async () => {
  await node?.cleanup();
  await portal.stop();
  await exec('ip', ['netns', 'del', NETNS]).catch(() => undefined);
});

const tables = async () => (await exec('ip', ['netns', 'exec', NETNS, 'nft', 'list', 'tables'])).stdout.trim().split('\n').filter(Boolean).sort();

describe('the agent with the nftables data plane', () => {
  it('puts an instance\'s rules into its tables, removes them when it stops, and leaves nothing behind when the data plane changes', async () => {
    node = await TestNode.enrol(bundle, portal);
    node.start();
    const base = desiredInstance(await portal.addPackage(node.nodeId, await buildHelloEdge(node.dataDir, { port: await freePort() })));
    const instance: TDesiredAppInstance = {
      ...base,
      trafficRules: [{ trafficRuleId: 'tr-1', filterType: 'FLOW', priority: 1, trafficFilter: [{ dstAddress: ['10.66.0.10'], dstPort: ['8090'], protocol: ['TCP'] }], action: 'FORWARD_DECAPSULATED', dstInterface: { interfaceType: 'IP', dstIpAddress: '10.66.1.10' }, state: 'ACTIVE' }],
    };
    node.appIds.add(instance.appInstanceId);
    const nft = { adapter: 'nftables' as const, settings: { netns: NETNS } };
    const table = `mecport_${instance.appInstanceId.replaceAll('-', '')}`;

    portal.setDesired(node.nodeId, [instance], undefined, { ruleSetVersion: 1, dataPlane: nft });
    expect((await node.waitReport(1)).ruleResults).toEqual([{ appInstanceId: instance.appInstanceId, kind: 'traffic', ruleId: 'tr-1', state: 'applied' }]);
    expect(await tables()).toEqual([`table ip ${table}`, `table ip6 ${table}`]);
    expect((await exec('ip', ['netns', 'exec', NETNS, 'nft', 'list', 'table', 'ip', table])).stdout).toMatch(/10\.66\.0\.10/);

    portal.setDesired(node.nodeId, [{ ...instance, desiredState: 'STOPPED' }], undefined, { ruleSetVersion: 2, dataPlane: nft });
    await node.waitReport(2);
    expect(await tables()).toEqual([]);

    portal.setDesired(node.nodeId, [instance], undefined, { ruleSetVersion: 3, dataPlane: nft });
    await node.waitReport(3);
    expect(await tables()).toHaveLength(2);
    portal.setDesired(node.nodeId, [instance], undefined, { ruleSetVersion: 4, dataPlane: { adapter: 'memory', settings: {} } });
    expect((await node.waitReport(4)).ruleResults).toEqual([expect.objectContaining({ ruleId: 'tr-1', state: 'applied' })]);
    expect(await tables()).toEqual([]); // the nftables data plane keeps nothing of ours once memory took over
  });
});
