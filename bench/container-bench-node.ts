/**
 * One edge node for the container benchmarks: the real agent process (the bundle `npm run bench`
 * built, run as `npm start` runs its demo agent: lean heap flags, no JIT), enrolled with the
 * agent tests' FakePortal, so a desired state is published at a known instant and nothing but the
 * agent and Podman works between that instant and RUNNING. RUNNING is read from the podman
 * runtime's record (`<data dir>/runtime-podman/<appInstanceId>.json`), which the agent writes on
 * every state change.
 *
 * Podman is shared on the machine: only pods labelled with this node's id and images of the
 * benchmark's own registry are ever removed.
 *
 * @example
 *   const node = await ContainerBenchNode.start({ registries: [] });
 *   const ms = await node.deploy(instance); // desired state -> RUNNING
 *   await node.removeAll(); await node.stop();
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import type { TDesiredAppInstance, TNodeRuntime, TRegistry } from '@mecport/contracts';
import { testPodman, type TPodman } from '@mecport/example-hello-container/testing/podman';
import { cli } from '../apps/mep-agent/src/testing/agent-process';
import { FakePortal } from '../apps/mep-agent/src/testing/fake-portal';
import { freePort } from '../apps/mep-agent/src/testing/sample-app';
import { LEAN_NODE_ARGS, leanNodeEnv } from '../scripts/lib/lean-node';
import { waitFor } from './timings';

const AGENT_BIN = path.resolve(import.meta.dirname, '../apps/mep-agent/bin/mecport-agent.mjs');

export class ContainerBenchNode {
  private constructor(
    readonly portal: FakePortal,
    readonly nodeId: string,
    readonly dataDir: string,
    readonly agent: ChildProcess,
    readonly podman: TPodman,
    private readonly runtime: TNodeRuntime,
    private readonly heartbeatSec: number,
  ) {}

  static async start(options: { registries: TRegistry[]; heartbeatSec?: number }): Promise<ContainerBenchNode> {
    const portal = await FakePortal.start();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'mecport-bench-container-node-'));
    const { token, nodeId } = portal.createEnrolmentToken({ name: 'bench-container-node' });
    const enrolled = await cli(AGENT_BIN, ['enroll', '--portal', portal.url, '--token', token, '--data-dir', dataDir]);
    if (enrolled.code !== 0) throw new Error(`the agent did not enrol: ${enrolled.stderr}`);
    const agent = spawn(process.execPath, [...LEAN_NODE_ARGS, '--jitless', AGENT_BIN, 'run', '--data-dir', dataDir, '--mp1-port', String(await freePort()), '--stop-apps-on-exit'], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', LOG_LEVEL: 'warn', MECPORT_AGENT_DNS_PORT: 'off', ...leanNodeEnv() },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const node = new ContainerBenchNode(portal, nodeId, dataDir, agent, await testPodman(dataDir), { container: 'podman', registries: options.registries }, options.heartbeatSec ?? 1);
    await waitFor('the agent\'s first heartbeat', () => portal.node(nodeId).heartbeats.length > 0, 60_000);
    return node;
  }

  get pid(): number {
    return this.agent.pid!;
  }

  private publish(instances: TDesiredAppInstance[]): void {
    this.portal.setDesired(this.nodeId, instances, this.heartbeatSec, { runtime: this.runtime });
  }

  /** The instance's state in the runtime's record, or undefined while there is none. */
  async state(appInstanceId: string): Promise<string | undefined> {
    const record = await readFile(path.join(this.dataDir, 'runtime-podman', `${appInstanceId}.json`), 'utf8').catch(() => undefined);
    if (!record) return undefined;
    try {
      return (JSON.parse(record) as { state?: string }).state;
    } catch {
      return undefined; // caught mid-write
    }
  }

  /** Publishes a desired state with `instance` alone; resolves to the milliseconds until the agent says RUNNING. */
  async deploy(instance: TDesiredAppInstance, timeoutMs = 300_000): Promise<number> {
    const started = performance.now();
    this.publish([instance]);
    let failed: string | undefined;
    await waitFor(`${instance.appName} RUNNING`, async () => {
      const state = await this.state(instance.appInstanceId);
      if (state === 'FAILED' || state === 'CRASH_LOOP') failed = state;
      return state === 'RUNNING' || failed !== undefined;
    }, timeoutMs, 20);
    if (failed) throw new Error(`${instance.appName} ended ${failed} instead of RUNNING (agent data dir ${this.dataDir})`);
    return performance.now() - started;
  }

  /** Publishes an empty desired state and waits until the agent removed every instance's pod. */
  async removeAll(timeoutMs = 120_000): Promise<void> {
    this.publish([]);
    await waitFor('the pods removed', async () => (await this.pods()).length === 0, timeoutMs, 200);
  }

  /** This node's pods (by the label the agent puts on them). */
  async pods(): Promise<string[]> {
    return (await this.podman(['pod', 'ps', '-q', '--filter', `label=io.mecport.agent=${this.nodeId}`])).split('\n').filter(Boolean);
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.agent.once('exit', resolve));
    this.agent.kill('SIGTERM');
    await exited;
    // Whatever a failed run left behind, this node's own pods only.
    for (const pod of await this.pods().catch(() => [])) await this.podman(['pod', 'rm', '-f', pod]).catch(() => undefined);
    await this.portal.stop();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** A desired container instance of a package the FakePortal serves. */
export function containerInstance(pkg: TDesiredAppInstance['package'], images: NonNullable<TDesiredAppInstance['container']>['images'], appName = 'hello-container'): TDesiredAppInstance {
  return {
    appInstanceId: randomUUID(), appDId: '6e1ddacb-276c-49b3-86f2-b51707251665', appName, appVersionId: randomUUID(), version: '1.0.0',
    package: pkg, desiredState: 'RUNNING', env: {}, trafficRules: [], dnsRules: [], gracefulTerminationSec: 5, container: { images },
  };
}
