/**
 * The local demo edge node of `npm start`: a real MEP agent (`mecport-agent run`) for Acme Mobile's
 * "local-demo-node", enrolled with a fresh one-time token whenever its local enrolment does not
 * match the node (first start, a new data dir, a revoked node), running Hello Edge and Zone Watcher
 * (the sample MEC app, examples/zone-watcher) through ordinary deployments. Its apps stop with `npm start` (--stop-apps-on-exit); a real node keeps them.
 * The node's runtime setting is Podman (core's DEMO_NODE_RUNTIME) and the agent finds podman by
 * itself; the container sample (Hello Container) is published but not deployed here: the operator
 * deploys it from the edge map.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { storagePaths } from '@mecport/blob-store';
import { demoEnrolmentToken, ensureDemoDeployment, ensureDemoNode, HELLO_CONTAINER, HELLO_EDGE, ZONE_WATCHER } from '@mecport/core/demo';
import type { DbClient } from '@mecport/db';

export interface TDemoAgentOptions {
  db: DbClient;
  portalUrl: string;
  mp1Port: number;
  /** The demo node's DNS server on 127.0.0.1 (`off` or `0`: none). */
  dnsPort: string;
  /** Starts the agent as a child of `npm start` (stopped with it). */
  launch: (args: string[]) => void;
}

const root = path.resolve(import.meta.dirname, '../..');

function localEnrolment(agentDir: string): { nodeId?: string; credentialId?: string; portalUrl?: string } | undefined {
  try {
    return JSON.parse(readFileSync(path.join(agentDir, 'credentials.json'), 'utf8')) as { nodeId?: string; credentialId?: string; portalUrl?: string };
  } catch {
    return undefined;
  }
}

function enrol(agentDir: string, portalUrl: string, token: string): void {
  const result = spawnSync('npx', ['mecport-agent', 'enroll', '--portal', portalUrl, '--token', token, '--data-dir', agentDir, '--force', '--name-hint', 'local-demo-node'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the demo agent could not enrol (see above)');
}

async function publishedVersionId(db: DbClient, app: { tenant: string; slug: string; version: string }): Promise<string | null> {
  const version = await db.appVersion.findFirst({ where: { app: { slug: app.slug, tenant: { slug: app.tenant } }, version: app.version, status: 'published' }, select: { id: true } });
  return version?.id ?? null;
}

/** Deploys each published demo process app not yet on the node; returns the names deployed now. */
async function deployDemoApps(db: DbClient, nodeId: string): Promise<string[]> {
  const deployed: string[] = [];
  for (const [name, app] of [['Hello Edge', HELLO_EDGE], ['Zone Watcher', ZONE_WATCHER]] as const) {
    const versionId = await publishedVersionId(db, app);
    if (versionId && (await ensureDemoDeployment(db, nodeId, versionId))) deployed.push(name);
  }
  return deployed;
}

/** Returns what it did, in one line for the start-up log. */
export async function startDemoAgent(options: TDemoAgentOptions): Promise<string> {
  const agentDir = path.join(storagePaths().dataDir, 'agent');
  const node = await ensureDemoNode(options.db);
  const local = localEnrolment(agentDir);
  const enrolled = node.credentialId !== null && local?.nodeId === node.nodeId && local.credentialId === node.credentialId && local.portalUrl === options.portalUrl;
  if (!enrolled) enrol(agentDir, options.portalUrl, await demoEnrolmentToken(options.db, node.nodeId, options.portalUrl));
  options.launch(['run', '--data-dir', agentDir, '--mp1-port', String(options.mp1Port), '--dns-host', '127.0.0.1', '--dns-port', options.dnsPort, '--stop-apps-on-exit']);
  if (!(await publishedVersionId(options.db, HELLO_EDGE))) return `local-demo-node: agent ${enrolled ? 'started' : 'enrolled and started'}; Hello Edge is not published, so nothing is deployed`;
  const deployed = await deployDemoApps(options.db, node.nodeId);
  const dns = options.dnsPort === 'off' || options.dnsPort === '0' ? '' : `, DNS on 127.0.0.1:${options.dnsPort}: dig @127.0.0.1 -p ${options.dnsPort} hello-edge.mec.example`;
  const container = (await publishedVersionId(options.db, HELLO_CONTAINER)) ? '; Hello Container (the container sample) is published: deploy it from the edge map' : '';
  return `local-demo-node: agent ${enrolled ? 'started' : 'enrolled and started'} (Mp1 on 127.0.0.1:${options.mp1Port}${dns})${deployed.length > 0 ? `, ${deployed.join(' and ')} deployed` : ''}${container}`;
}
