/** A node's desired-state document, built from its live app instances at the current revision. */
import type { TDesiredState } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { dnsRulesOf, trafficRulesOf } from './appd-rules';

export function packagePath(nodeId: string, sha256: string): string {
  return `/api/v1/edge/nodes/${nodeId}/packages/${sha256}`;
}

export async function readDesiredRevision(db: DbClient, nodeId: string): Promise<number> {
  const node = await db.edgeNode.findUniqueOrThrow({ where: { id: nodeId }, select: { desiredRevision: true } });
  return node.desiredRevision;
}

export async function buildDesiredState(db: DbClient, nodeId: string, heartbeatIntervalSec: number): Promise<TDesiredState> {
  // The revision first, then the instances, without a transaction (1,000 agents wake at once):
  // a change committed in between shows up early under the older revision, and the agent's next
  // poll (after that revision) returns at once with the same instances. Never the reverse.
  const node = await db.edgeNode.findUniqueOrThrow({ where: { id: nodeId }, select: { desiredRevision: true } });
  const instances = await db.appInstance.findMany({
    where: { nodeId, terminatedAt: null, removedAt: null },
    orderBy: { createdAt: 'asc' },
    include: { app: { select: { name: true } }, appVersion: { select: { id: true, version: true, appdId: true, appd: true, packageDigest: true, packageSize: true } } },
  });
  return {
    nodeId, revision: node.desiredRevision, heartbeatIntervalSec,
    appInstances: instances.map((i) => ({
      appInstanceId: i.id, appDId: i.appVersion.appdId, appName: i.app.name, appVersionId: i.appVersion.id, version: i.appVersion.version,
      package: { sha256: i.appVersion.packageDigest, size: Number(i.appVersion.packageSize), path: packagePath(nodeId, i.appVersion.packageDigest) },
      desiredState: i.desiredState === 'STOPPED' ? 'STOPPED' : 'RUNNING', env: {},
      trafficRules: trafficRulesOf(i.appVersion.appd), dnsRules: dnsRulesOf(i.appVersion.appd), gracefulTerminationSec: 10,
    })),
  };
}
