import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type DbClient } from './client';
import { seed } from './seed';
import { DEMO_EDGE_TENANT, seedEdgeNodes } from './seed-edge-nodes';
import { createThrowawayDatabase, type ThrowawayDatabase } from './testing/throwaway-database';

let db: ThrowawayDatabase;
let prisma: DbClient;

beforeAll(async () => {
  db = await createThrowawayDatabase();
  prisma = createPrismaClient(db.url, { maxConnections: 3 });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

describe('seedEdgeNodes()', () => {
  it('gives Acme Mobile 30 pending demo nodes in seven groups, keeps edits and adds nothing twice', async () => {
    await seed(prisma);
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { slug: DEMO_EDGE_TENANT } });
    const nodes = await prisma.edgeNode.findMany({ where: { tenantId: tenant.id }, include: { group: true } });
    expect(nodes).toHaveLength(30);
    expect(new Set(nodes.map((n) => n.group?.name)).size).toBe(7);
    expect(nodes.every((n) => n.enrolledAt === null && n.revokedAt === null)).toBe(true);
    expect(nodes.map((n) => n.city)).toEqual(expect.arrayContaining(['北京', '上海', '深圳', 'München', 'Paris', 'London']));
    expect(nodes.find((n) => n.name === 'sz-nanshan-01')).toMatchObject({ province: '广东省', district: '南山区', labels: { tier: 'gold', accelerator: 'npu' }, capacity: { architecture: 'aarch64', npus: 8 } });

    await prisma.edgeNode.update({ where: { tenantId_name: { tenantId: tenant.id, name: 'sz-nanshan-01' } }, data: { address: 'edited' } });
    expect(await seedEdgeNodes(prisma)).toBe(0);
    expect(await prisma.edgeNode.count({ where: { tenantId: tenant.id } })).toBe(30);
    expect((await prisma.edgeNode.findFirstOrThrow({ where: { name: 'sz-nanshan-01' } })).address).toBe('edited');
    const globex = await prisma.tenant.findUniqueOrThrow({ where: { slug: 'globex-telecom' } });
    expect(await prisma.edgeNode.count({ where: { tenantId: globex.id } })).toBe(0);
  });
});
