/**
 * A fleet for the edge benchmarks, seeded straight into the bench database: enrolled nodes, each
 * with its own Ed25519 key (the agent signs its tokens with it), one published app version, and the
 * rollout of that version to every node committed as the API commits it.
 *
 * @example
 *   const { tenantId, nodes } = await seedNodes(db, { count: 1000, tenant: { slug: 'bench-edge', name: 'Bench Edge' }, label: 'edge' });
 *   const versionId = await seedPublishedVersion(db, tenantId);
 *   const operator = await benchOperator(db, 'bench-edge');
 *   await commitRollout(db, operator, { versionId, selector: 'bench=edge', batchSize: 1000 });
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { advanceDeployment, createDeployment, resolveActor, type TActor } from '@mecport/core';
import type { DbClient } from '@mecport/db';

/** What a simulated agent needs to speak for its node: the node id, its credential and its private key (PKCS#8 PEM). */
export interface TBenchNode { id: string; key: string; credentialId: string }

/** Rows per insert: one statement's bind parameters stay far below PostgreSQL's 65,535 at 10,000 nodes and more. */
const INSERT_CHUNK = 1000;

/** `count` enrolled nodes of `tenant` (created if need be), labelled `bench=<label>`, each with a fresh key pair, spread over 10° × 20° of the map. */
export async function seedNodes(db: DbClient, options: { count: number; tenant: { slug: string; name: string }; label: string }): Promise<{ tenantId: string; nodes: TBenchNode[] }> {
  const { label } = options;
  const tenant = await db.tenant.upsert({ where: { slug: options.tenant.slug }, update: {}, create: options.tenant });
  const nodes = Array.from({ length: options.count }, (_, i) => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    return { id: randomUUID(), i, credentialId: randomUUID(), jwk: publicKey.export({ format: 'jwk' }), key: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
  });
  for (let from = 0; from < nodes.length; from += INSERT_CHUNK) {
    await db.edgeNode.createMany({
      data: nodes.slice(from, from + INSERT_CHUNK).map((n) => ({
        id: n.id, tenantId: tenant.id, name: `bench-node-${n.i}`, latitude: 30 + (n.i % 100) / 10, longitude: 110 + (Math.floor(n.i / 100) % 20), enrolledAt: new Date(),
        lastHeartbeatAt: new Date(), credentialId: n.credentialId, publicKey: { kty: 'OKP', crv: 'Ed25519', x: n.jwk.x }, labels: { bench: label },
      })),
    });
  }
  return { tenantId: tenant.id, nodes: nodes.map(({ id, key, credentialId }) => ({ id, key, credentialId })) };
}

/** A published version of a new app; its package is `pkg` (by default a 1 KiB digest no file backs). */
export async function seedPublishedVersion(db: DbClient, tenantId: string, pkg: { digest: string; size: number } = { digest: 'e'.repeat(64), size: 1024 }): Promise<string> {
  const { digest } = pkg;
  await db.packageBlob.createMany({ data: [{ digest, size: BigInt(pkg.size) }], skipDuplicates: true });
  const app = await db.app.create({ data: { tenantId, slug: `bench-edge-${randomUUID().slice(0, 8)}`, name: 'Bench Edge App', provider: 'Bench', category: 'other', createdBy: 'bench' } });
  const appd = { appDId: randomUUID(), appName: 'Bench Edge App', appProvider: 'Bench', appSoftVersion: '1.0.0', appDVersion: '1.0.0', mecVersion: ['2.1.1'] };
  const version = await db.appVersion.create({ data: { appId: app.id, version: '1.0.0', packageDigest: digest, packageSize: BigInt(pkg.size), appd, appdId: appd.appDId, architecture: 'x86_64', status: 'published', publishedAt: new Date() } });
  return version.id;
}

/** An operator of `tenant`, as the API resolves one from a token. */
export function benchOperator(db: DbClient, tenant: string): Promise<TActor> {
  return resolveActor(db, { subject: `bench-op-${randomUUID()}`, username: 'bench-op', name: 'Bench Operator', email: null, tenant, roles: ['operator'] });
}

/**
 * A deployment of `versionId` to every node the selector matches, in one batch, committed the way
 * the API runs it (core createDeployment + advanceDeployment). Returns when it is committed: the
 * agents' long-polls wake from then on.
 */
export async function commitRollout(db: DbClient, operator: TActor, options: { versionId: string; selector: string; batchSize: number }): Promise<void> {
  const deploymentId = await createDeployment(db, operator, { appVersionId: options.versionId, kind: 'install', target: { kind: 'labels', selector: options.selector }, batchSize: options.batchSize, stopOnFailure: false });
  await advanceDeployment(db, deploymentId);
}
