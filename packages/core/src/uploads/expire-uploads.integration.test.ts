/** Expiry of abandoned uploads on a throwaway database and a real staging directory. */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stagedFiles } from '@mecport/blob-store';
import { getPrisma } from '@mecport/db';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDeveloper, newApp } from '../testing/store-fixtures';
import { EXPIRY_ACTOR, expireIdleUploads } from './expire-uploads';
import { cancelUpload, completeUpload, createUpload } from './uploads';

const prisma = getPrisma();
const root = mkdtempSync(path.join(tmpdir(), 'mecport-core-expiry-'));
const uploadsDir = path.join(root, 'uploads');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What the tus file store leaves for an upload: the bytes and their metadata, written `ageMs` ago. */
function stage(uploadsDir: string, id: string, ageMs: number): void {
  const when = new Date(Date.now() - ageMs);
  for (const file of stagedFiles(uploadsDir, id)) {
    writeFileSync(file, file.endsWith('.json') ? '{}' : 'some bytes');
    utimesSync(file, when, when);
  }
}

async function lastTouched(id: string, ageMs: number): Promise<void> {
  // an explicit value wins over @updatedAt
  await prisma.upload.update({ where: { id }, data: { updatedAt: new Date(Date.now() - ageMs) } });
}

describe('expireIdleUploads', () => {
  it('cancels idle uploads and deletes their files, keeps moving and pending ones, and sweeps old orphans', async () => {
    mkdirSync(uploadsDir, { recursive: true });
    const dev = await freshDeveloper(prisma);
    const app = await newApp(prisma, dev);
    const upload = async (version: string) => {
      const id = randomUUID();
      await createUpload(prisma, dev, { id, size: 100, metadata: { appId: app.id, version, filename: 'a.csar' } });
      return id;
    };

    const idle = await upload('1.0.0');
    stage(uploadsDir, idle, 2 * DAY);
    await lastTouched(idle, 2 * DAY);
    // the row is old, but bytes were written a minute ago: a slow upload that still moves
    const moving = await upload('1.0.1');
    stage(uploadsDir, moving, 60_000);
    await lastTouched(moving, 2 * DAY);
    const fresh = await upload('1.0.2');
    stage(uploadsDir, fresh, 0);
    const validating = await upload('1.0.3');
    stage(uploadsDir, validating, 2 * DAY);
    await completeUpload(prisma, dev, validating);
    await lastTouched(validating, 2 * DAY);
    const cancelledLeftover = await upload('1.0.4');
    await cancelUpload(prisma, dev, cancelledLeftover);
    stage(uploadsDir, cancelledLeftover, 2 * DAY);
    const oldOrphan = randomUUID();
    stage(uploadsDir, oldOrphan, 2 * DAY);
    const newOrphan = randomUUID();
    stage(uploadsDir, newOrphan, HOUR);
    writeFileSync(path.join(uploadsDir, 'not-an-upload.txt'), 'left alone');
    utimesSync(path.join(uploadsDir, 'not-an-upload.txt'), new Date(Date.now() - 2 * DAY), new Date(Date.now() - 2 * DAY));

    const result = await expireIdleUploads({ db: prisma, uploadsDir }, { maxIdleMs: DAY });

    expect(result.expired).toEqual([idle]);
    expect(result.orphans.sort()).toEqual([cancelledLeftover, oldOrphan].sort());
    const states = Object.fromEntries((await prisma.upload.findMany({ where: { appId: app.id }, select: { id: true, state: true } })).map((u) => [u.id, u.state]));
    expect(states).toEqual({ [idle]: 'cancelled', [moving]: 'uploading', [fresh]: 'uploading', [validating]: 'validating', [cancelledLeftover]: 'cancelled' });
    expect((await prisma.upload.findUniqueOrThrow({ where: { id: idle } })).error).toMatch(/^Expired: nothing arrived for 24 h/);
    const audit = await prisma.auditEvent.findMany({ where: { targetId: idle } });
    expect(audit.map((e) => [e.action, e.actorSubject, e.tenantId])).toEqual([['app.upload.expire', EXPIRY_ACTOR.subject, dev.tenant.id]]);

    const left = readdirSync(uploadsDir).sort();
    const expected = [moving, fresh, validating, newOrphan].flatMap((id) => [id, `${id}.json`]);
    expect(left).toEqual([...expected, 'not-an-upload.txt'].sort());

    // a second run finds nothing more to do
    expect(await expireIdleUploads({ db: prisma, uploadsDir }, { maxIdleMs: DAY })).toEqual({ expired: [], orphans: [] });
    expect(await prisma.auditEvent.count({ where: { targetId: idle } })).toBe(1);
  });

  it('expires an idle upload whose files are already gone, and copes with a missing staging directory', async () => {
    const dev = await freshDeveloper(prisma);
    const app = await newApp(prisma, dev);
    const id = randomUUID();
    await createUpload(prisma, dev, { id, size: 10, metadata: { appId: app.id, version: '2.0.0', filename: 'b.csar' } });
    await lastTouched(id, 3 * HOUR);

    expect(await expireIdleUploads({ db: prisma, uploadsDir }, { maxIdleMs: 4 * HOUR })).toEqual({ expired: [], orphans: [] });
    expect(await expireIdleUploads({ db: prisma, uploadsDir }, { maxIdleMs: 2 * HOUR })).toEqual({ expired: [id], orphans: [] });
    expect((await prisma.upload.findUniqueOrThrow({ where: { id } })).state).toBe('cancelled');

    const missing = path.join(root, 'never-created');
    expect(await expireIdleUploads({ db: prisma, uploadsDir: missing }, { maxIdleMs: 3650 * DAY })).toEqual({ expired: [], orphans: [] });
    expect(existsSync(missing)).toBe(false);
  });
});
