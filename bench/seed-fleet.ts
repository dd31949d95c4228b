/**
 * Seeds a fleet straight into the bench database: nodes with their own Ed25519 keys (as enrolment
 * leaves them), labelled `bench=<fleet>`, and a published app version to deploy to them. Each
 * fleet has its own tenant, so two benchmarks on one stack never target each other's nodes.
 *
 * @example
 *   const { tenantId, nodes } = await seedNodes(db, { count: 100, fleet: 'download' });
 *   const versionId = await seedPublishedVersion(db, tenantId, { digest, size });
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { DbClient } from '@mecport/db';

/** A seeded node: its id, its private key (PKCS#8 PEM) and the credential id its tokens name. */
export interface TSeededNode { id: string; key: string; credentialId: string }

export async function seedNodes(db: DbClient, fleet: { count: number; fleet: string }): Promise<{ tenantId: string; nodes: TSeededNode[] }> {
  const slug = `bench-${fleet.fleet}`;
  const tenant = await db.tenant.upsert({ where: { slug }, update: {}, create: { slug, name: `Bench ${fleet.fleet}` } });
  const nodes = Array.from({ length: fleet.count }, (_, i) => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    return { id: randomUUID(), i, credentialId: randomUUID(), jwk: publicKey.export({ format: 'jwk' }), key: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
  });
  await db.edgeNode.createMany({
    data: nodes.map((n) => ({
      id: n.id, tenantId: tenant.id, name: `bench-node-${n.i}`, latitude: 30 + (n.i % 100) / 10, longitude: 110 + Math.floor(n.i / 100), enrolledAt: new Date(),
      lastHeartbeatAt: new Date(), credentialId: n.credentialId, publicKey: { kty: 'OKP', crv: 'Ed25519', x: n.jwk.x }, labels: { bench: fleet.fleet },
    })),
  });
  return { tenantId: tenant.id, nodes: nodes.map((n) => ({ id: n.id, key: n.key, credentialId: n.credentialId })) };
}

/** A published version of a new app; its package is `pkg` (by default a 1 KiB digest no file backs). */
export async function seedPublishedVersion(db: DbClient, tenantId: string, pkg: { digest: string; size: number } = { digest: 'e'.repeat(64), size: 1024 }): Promise<string> {
  await db.packageBlob.createMany({ data: [{ digest: pkg.digest, size: BigInt(pkg.size) }], skipDuplicates: true });
  const app = await db.app.create({ data: { tenantId, slug: `bench-edge-${randomUUID().slice(0, 8)}`, name: 'Bench Edge App', provider: 'Bench', category: 'other', createdBy: 'bench' } });
  const appd = { appDId: randomUUID(), appName: 'Bench Edge App', appProvider: 'Bench', appSoftVersion: '1.0.0', appDVersion: '1.0.0', mecVersion: ['2.1.1'] };
  const version = await db.appVersion.create({ data: { appId: app.id, version: '1.0.0', packageDigest: pkg.digest, packageSize: BigInt(pkg.size), appd, appdId: appd.appDId, architecture: 'x86_64', status: 'published', publishedAt: new Date() } });
  return version.id;
}
