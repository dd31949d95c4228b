import { getPrisma } from '@mecport/db';
import { describe, expect, it } from 'vitest';
import { resolveActor } from '../identity';
import { freshIdentity } from '../testing/identities';
import { getAuditEvent, listAuditEvents } from './query';
import { pruneAuditEvents } from './prune';
import { recordAudit } from './record';

const prisma = getPrisma();

async function actorWithEvents(count: number) {
  const actor = await resolveActor(prisma, freshIdentity());
  for (let i = 0; i < count; i += 1) {
    await prisma.$transaction((tx) => recordAudit(tx, actor, { action: i % 2 ? 'thing.odd' : 'thing.even', target: { type: 'thing', id: String(i) }, data: { i } }));
  }
  return actor;
}

describe('audit trail', () => {
  it('pages newest first with a cursor and no gaps or repeats', async () => {
    const actor = await actorWithEvents(7);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAuditEvents(prisma, actor.tenant.id, { limit: 3, cursor });
      seen.push(...page.items.map((e) => e.target.id ?? ''));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    // Events written in the same millisecond may come in either order; none may be lost or repeated.
    expect(seen).toHaveLength(7);
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    expect(seen[0]).not.toBe('0');
  });

  it('filters by action and keeps tenants apart', async () => {
    const mine = await actorWithEvents(4);
    const theirs = await actorWithEvents(2);
    const odd = await listAuditEvents(prisma, mine.tenant.id, { limit: 20, action: 'thing.odd' });
    expect(odd.items.map((e) => e.data.i).sort()).toEqual([1, 3]);
    const theirEvent = (await listAuditEvents(prisma, theirs.tenant.id, { limit: 1 })).items[0]!;
    expect((await getAuditEvent(prisma, theirs.tenant.id, theirEvent.id)).id).toBe(theirEvent.id);
    await expect(getAuditEvent(prisma, mine.tenant.id, theirEvent.id)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses a cursor it did not issue', async () => {
    const actor = await actorWithEvents(1);
    await expect(listAuditEvents(prisma, actor.tenant.id, { limit: 5, cursor: 'garbage' })).rejects.toMatchObject({ code: 'validation' });
  });

  it('prunes only events older than the retention period', async () => {
    const actor = await actorWithEvents(2);
    const [old] = (await listAuditEvents(prisma, actor.tenant.id, { limit: 1 })).items;
    await prisma.auditEvent.update({ where: { id: old!.id }, data: { createdAt: new Date(Date.now() - 40 * 86_400_000) } });
    expect(await pruneAuditEvents(prisma, 30)).toBeGreaterThanOrEqual(1);
    const left = await listAuditEvents(prisma, actor.tenant.id, { limit: 10 });
    expect(left.items.map((e) => e.id)).not.toContain(old!.id);
    expect(left.items).toHaveLength(1);
  });
});
