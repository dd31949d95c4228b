import { getPrisma } from '@mecport/db';
import { createLogger } from '@mecport/http';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultStorage } from './registry';
import { enqueue, startJobRunner } from './runner';

const prisma = getPrisma();
let boss: PgBoss;
// Scheduled jobs may fire during the test (upload.expire sweeps a data directory): never the developer's .data.
const dataDir = mkdtempSync(path.join(tmpdir(), 'mecport-runner-'));

beforeAll(async () => {
  boss = await startJobRunner({ databaseUrl: process.env.DATABASE_URL!, auditRetentionDays: 365, deps: { prisma, log: createLogger('worker-test', 'silent'), storage: defaultStorage(dataDir) } });
});
afterAll(async () => {
  await boss.stop({ graceful: true, timeout: 5000 });
  rmSync(dataDir, { recursive: true, force: true });
});

async function waitForState(name: string, id: string): Promise<{ state: string; output: unknown }> {
  for (let i = 0; i < 100; i += 1) {
    const job = await boss.getJobById(name, id);
    if (job && ['completed', 'failed'].includes(job.state)) return { state: job.state, output: job.output };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`job ${id} did not finish`);
}

describe('job runner', () => {
  it('runs audit.prune through pg-boss and deletes only expired events', async () => {
    const tenant = await prisma.tenant.create({ data: { slug: `w-${Date.now()}`, name: 'Worker test' } });
    const base = { tenantId: tenant.id, actorSubject: 's', actorName: 'n', action: 'x.y', targetType: 't' };
    await prisma.auditEvent.create({ data: { ...base, createdAt: new Date(Date.now() - 10 * 86_400_000) } });
    await prisma.auditEvent.create({ data: base });
    const id = await enqueue(boss, 'audit.prune', { retentionDays: 5 });
    const result = await waitForState('audit.prune', id!);
    expect(result.state).toBe('completed');
    expect(await prisma.auditEvent.count({ where: { tenantId: tenant.id } })).toBe(1);
  });

  it('refuses an invalid payload at enqueue time', async () => {
    await expect(enqueue(boss, 'audit.prune', { retentionDays: 0 })).rejects.toThrow();
  });

  it('schedules the daily prune and the edge watchdog', async () => {
    const schedules = await boss.getSchedules();
    expect(schedules.map((s) => s.name)).toEqual(expect.arrayContaining(['audit.prune', 'edge.watchdog']));
  });

  it('runs edge.watchdog: a silent enrolled node gets one node_offline alarm', async () => {
    const tenant = await prisma.tenant.create({ data: { slug: `w-edge-${Date.now()}`, name: 'Edge test' } });
    const node = await prisma.edgeNode.create({
      data: { tenantId: tenant.id, name: 'silent', latitude: 48.1, longitude: 11.6, enrolledAt: new Date(), lastHeartbeatAt: new Date(Date.now() - 600_000) },
    });
    const id = await enqueue(boss, 'edge.watchdog', { offlineAfterSec: 60 });
    const result = await waitForState('edge.watchdog', id!);
    expect(result.state).toBe('completed');
    expect(await prisma.alarm.findMany({ where: { nodeId: node.id }, select: { kind: true, state: true } })).toEqual([{ kind: 'node_offline', state: 'active' }]);
  });
});
