/**
 * The `upload.expire` job through the real runner (pg-boss) on its own throwaway database, so no
 * other test file's runner can take the job and sweep a different staging directory.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPrismaClient, type DbClient } from '@mecport/db';
import { createThrowawayDatabase, type ThrowawayDatabase } from '@mecport/db/testing';
import { createLogger } from '@mecport/http';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultStorage } from './registry';
import { enqueue, startJobRunner } from './runner';

const dataDir = mkdtempSync(path.join(tmpdir(), 'mecport-worker-expiry-'));
const storage = defaultStorage(dataDir);
const DAY = 86_400_000;
let database: ThrowawayDatabase;
let prisma: DbClient;
let boss: PgBoss;

beforeAll(async () => {
  database = await createThrowawayDatabase();
  prisma = createPrismaClient(database.url);
  boss = await startJobRunner({ databaseUrl: database.url, auditRetentionDays: 365, uploadExpiryHours: 6, deps: { prisma, log: createLogger('worker-test', 'silent'), storage } });
});
afterAll(async () => {
  await boss?.stop({ graceful: true, timeout: 5000 });
  await prisma?.$disconnect();
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

function stageOld(id: string): void {
  mkdirSync(storage.uploadsDir, { recursive: true });
  const old = new Date(Date.now() - 2 * DAY);
  for (const file of [id, `${id}.json`]) {
    writeFileSync(path.join(storage.uploadsDir, file), 'bytes');
    utimesSync(path.join(storage.uploadsDir, file), old, old);
  }
}

async function finished(id: string): Promise<{ state: string; output: unknown }> {
  for (let i = 0; i < 150; i += 1) {
    const job = await boss.getJobById('upload.expire', id);
    if (job && ['completed', 'failed'].includes(job.state)) return { state: job.state, output: job.output };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`job ${id} did not finish`);
}

describe('upload.expire', () => {
  it('is scheduled hourly with UPLOAD_EXPIRY_HOURS as its payload', async () => {
    const schedule = (await boss.getSchedules()).find((s) => s.name === 'upload.expire');
    expect(schedule).toMatchObject({ cron: '41 * * * *', data: { maxIdleHours: 6 } });
  });

  it('cancels an abandoned upload and deletes its staged files and an old orphan, keeping a live upload', async () => {
    const tenant = await prisma.tenant.create({ data: { slug: `exp-${randomUUID().slice(0, 8)}`, name: 'Expiry tenant' } });
    const app = await prisma.app.create({ data: { tenantId: tenant.id, slug: 'hello', name: 'Hello', provider: 'Acme', category: 'other', createdBy: 'dev' } });
    const row = (id: string, updatedAt: Date) => prisma.upload.create({ data: { id, appId: app.id, tenantId: tenant.id, version: id.slice(0, 8), filename: 'a.csar', size: 100n, createdBy: 'dev', updatedAt } });
    const [abandoned, live, orphan] = [randomUUID(), randomUUID(), randomUUID()];
    await row(abandoned, new Date(Date.now() - 2 * DAY));
    stageOld(abandoned);
    await row(live, new Date());
    stageOld(live);
    stageOld(orphan);

    const id = await enqueue(boss, 'upload.expire', { maxIdleHours: 24 });
    expect(await finished(id!)).toEqual({ state: 'completed', output: { value: [{ expired: 1, orphans: 1 }] } });

    const states = await prisma.upload.findMany({ where: { appId: app.id }, select: { id: true, state: true }, orderBy: { createdAt: 'asc' } });
    expect(Object.fromEntries(states.map((u) => [u.id, u.state]))).toEqual({ [abandoned]: 'cancelled', [live]: 'uploading' });
    expect(readdirSync(storage.uploadsDir).sort()).toEqual([live, `${live}.json`].sort());
    expect(await prisma.auditEvent.count({ where: { targetId: abandoned, action: 'app.upload.expire' } })).toBe(1);
  });

  it('refuses a payload without a positive idle time', async () => {
    await expect(enqueue(boss, 'upload.expire', { maxIdleHours: 0 })).rejects.toThrow();
  });
});
