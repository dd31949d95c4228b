/**
 * One edge node for the agent's process-level tests: a data dir enrolled (through the real
 * `mecport-agent enroll`) with a FakePortal, a fixed Mp1 port, and the real agent started and
 * killed as the test says. It reads what the agent left on disk the way an operator would.
 *
 * @example const node = await TestNode.enrol(bundle, portal); node.start(); await node.waitApplied(1);
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TNodeReport } from '@mecport/contracts';
import { ZProcessRecord, type TProcessRecord } from '../runtime/process-record';
import { AgentProcess, cli, killApps } from './agent-process';
import type { FakePortal } from './fake-portal';
import { freePort, waitFor } from './sample-app';

export class TestNode {
  agent: AgentProcess | undefined;
  readonly appIds = new Set<string>();

  private constructor(readonly bundle: string, readonly portal: FakePortal, readonly dataDir: string, readonly nodeId: string, readonly mp1Port: number) {}

  static async enrol(bundle: string, portal: FakePortal): Promise<TestNode> {
    const dataDir = await mkdtemp(join(tmpdir(), 'agent-node-'));
    const { token, nodeId } = portal.createEnrolmentToken();
    const result = await cli(bundle, ['enroll', '--portal', portal.url, '--token', token, '--data-dir', dataDir]);
    if (result.code !== 0) {
      await rm(dataDir, { recursive: true, force: true });
      throw new Error(`enroll failed: ${result.stderr}`);
    }
    return new TestNode(bundle, portal, dataDir, nodeId, await freePort());
  }

  /** The agent runs no DNS server unless `env` or `args` say where (port 53 is not for tests). */
  start(env: Record<string, string> = {}, args: string[] = []): AgentProcess {
    this.agent = AgentProcess.run({ bundle: this.bundle, dataDir: this.dataDir, mp1Port: this.mp1Port, env: { MECPORT_AGENT_DNS_PORT: 'off', ...env }, args });
    return this.agent;
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    await this.agent?.kill(signal);
    this.agent = undefined;
  }

  get reports(): TNodeReport[] {
    return this.portal.node(this.nodeId).reports;
  }

  /** The report that `revision` was applied, or (outcome failed) that it was not, once it arrives. */
  waitReport(revision: number, outcome: 'applied' | 'failed' = 'applied', timeoutMs = 60_000): Promise<TNodeReport> {
    const matches = (r: TNodeReport) => (outcome === 'applied' ? r.appliedRevision === revision && r.outcome === 'applied' : r.outcome === 'failed' && r.message?.startsWith(`revision ${revision} not applied`));
    return waitFor(`report of revision ${revision} (${outcome})`, () => this.reports.find(matches), timeoutMs);
  }

  async file(name: string): Promise<unknown> {
    return JSON.parse(await readFile(join(this.dataDir, name), 'utf8'));
  }

  async exists(name: string): Promise<boolean> {
    return readFile(join(this.dataDir, name)).then(() => true, () => false);
  }

  async record(appInstanceId: string): Promise<TProcessRecord> {
    return ZProcessRecord.parse(await this.file(`runtime/${appInstanceId}.json`));
  }

  /** GET /mec_service_mgmt/v1/services on the agent's Mp1, as the app `appInstanceId` (its credentials from the runtime record). */
  async mp1Services(appInstanceId: string): Promise<{ serName: string; version: string }[] | undefined> {
    try {
      const { env } = (await this.record(appInstanceId)).spec;
      const root = `http://127.0.0.1:${this.mp1Port}`;
      const tokenRes = await fetch(`${root}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: env.MP1_CLIENT_ID!, client_secret: env.MP1_CLIENT_SECRET! }),
        signal: AbortSignal.timeout(2000),
      });
      if (!tokenRes.ok) return undefined;
      const { access_token } = (await tokenRes.json()) as { access_token: string };
      const res = await fetch(`${root}/mec_service_mgmt/v1/services`, { headers: { authorization: `Bearer ${access_token}` }, signal: AbortSignal.timeout(2000) });
      return res.ok ? ((await res.json()) as { serName: string; version: string }[]) : undefined;
    } catch {
      return undefined;
    }
  }

  async cleanup(): Promise<void> {
    await this.agent?.kill('SIGKILL');
    await killApps([...this.appIds]);
    await rm(this.dataDir, { recursive: true, force: true });
  }
}
