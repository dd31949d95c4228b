/** A node's callbackAllowCidrs: validated, normalised, audited, and carried to the agent in a new desired-state revision. */
import { getPrisma, type DbClient } from '@mecport/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshOperator, newNode, OPTIONS, readDesiredRevision } from '../../testing/edge-fixtures';
import { buildDesiredState } from '../channel/desired-state';
import { getNode, updateNode } from './nodes';

let db: DbClient;
beforeAll(() => {
  db = getPrisma();
});

describe('callbackAllowCidrs', () => {
  it('is empty by default, and normalised on create', async () => {
    const op = await freshOperator(db);
    expect((await newNode(db, op)).callbackAllowCidrs).toEqual([]);
    const node = await newNode(db, op, { callbackAllowCidrs: ['10.20.3.4/16', 'FD00:20::/48'] });
    expect(node.callbackAllowCidrs).toEqual(['10.20.0.0/16', 'fd00:20::/48']);
    expect((await buildDesiredState(db, node.id, 10)).callbackAllowCidrs).toEqual(['10.20.0.0/16', 'fd00:20::/48']);
  });

  it('refuses loopback, too broad or malformed ranges with the field named, changing nothing', async () => {
    const op = await freshOperator(db);
    const node = await newNode(db, op);
    const revision = await readDesiredRevision(db, node.id);
    await expect(updateNode(db, op, node.id, { callbackAllowCidrs: ['10.0.0.0/8', '127.0.0.0/8', '0.0.0.0/0', 'db.internal'] }, OPTIONS)).rejects.toMatchObject({
      code: 'validation',
      errors: [{ field: 'callbackAllowCidrs.1', message: expect.stringMatching(/loopback/) }, { field: 'callbackAllowCidrs.2', message: expect.stringMatching(/too broad/) }, { field: 'callbackAllowCidrs.3', message: expect.stringMatching(/CIDR/) }],
    });
    expect((await getNode(db, op.tenant.id, node.id, OPTIONS)).callbackAllowCidrs).toEqual([]);
    expect(await readDesiredRevision(db, node.id)).toBe(revision);
  });

  it('a change is audited with the old and new list and reaches the agent in a new revision; the same list again does not', async () => {
    const op = await freshOperator(db);
    const node = await newNode(db, op);
    const revision = await readDesiredRevision(db, node.id);
    const updated = await updateNode(db, op, node.id, { callbackAllowCidrs: ['192.168.50.0/24'] }, OPTIONS, 'req-allow-1');
    expect(updated).toMatchObject({ callbackAllowCidrs: ['192.168.50.0/24'], desiredRevision: revision + 1 });
    expect(await buildDesiredState(db, node.id, 10)).toMatchObject({ revision: revision + 1, callbackAllowCidrs: ['192.168.50.0/24'] });
    await updateNode(db, op, node.id, { callbackAllowCidrs: ['192.168.50.9/24'], name: `${node.name}-x` }, OPTIONS);
    expect(await readDesiredRevision(db, node.id)).toBe(revision + 1);
    const events = await db.auditEvent.findMany({ where: { tenantId: op.tenant.id, action: 'edge.node.update', targetId: node.id }, orderBy: { createdAt: 'asc' } });
    expect(events.map((e) => e.data)).toEqual([
      { fields: ['callbackAllowCidrs'], callbackAllowCidrs: ['192.168.50.0/24'], previousCallbackAllowCidrs: [] },
      { fields: ['callbackAllowCidrs', 'name'] },
    ]);
  });
});
