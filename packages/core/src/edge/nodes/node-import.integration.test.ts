/** Node import is all-or-nothing, reports every bad row, can be a dry run, is audited; export reads back in. */
import { AppError, ZNodeFeatureCollection, ZNodeImportRequest } from '@mecport/contracts';
import { getPrisma, type DbClient } from '@mecport/db';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '../../identity';
import { freshOperator, newNode, OPTIONS } from '../../testing/edge-fixtures';
import { exportNodes } from './node-export';
import { importNodes } from './node-import';

let db: DbClient;
beforeAll(() => { db = getPrisma(); });

const HEADER = 'name,latitude,longitude,address,province,city,district,group,labels';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');
const request = (content: string, extra: Partial<{ format: 'csv' | 'geojson'; dryRun: boolean; onExisting: 'fail' | 'update' }> = {}) =>
  ZNodeImportRequest.parse({ format: 'csv', content, ...extra });

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const nodesOf = (actor: TActor) => db.edgeNode.findMany({ where: { tenantId: actor.tenant.id }, orderBy: { name: 'asc' }, include: { group: true } });

describe('importNodes', () => {
  it('creates every node, creates missing groups, and records one audit event', async () => {
    const op = await freshOperator(db);
    const report = await importNodes(db, op, request(csv('bj-01,39.90,116.40,,北京市,北京,东城区,north,tier=gold', 'sh-01,31.23,121.47,,上海市,上海,浦东新区,east,', 'bj-02,39.95,116.30,,北京市,北京,海淀区,north,tier=silver;vendor=x')));
    expect(report).toEqual({ dryRun: false, format: 'csv', total: 3, created: 3, updated: 0, groupsCreated: ['north', 'east'] });
    const nodes = await nodesOf(op);
    expect(nodes.map((n) => [n.name, n.group?.name, n.labels, n.district])).toEqual([
      ['bj-01', 'north', { tier: 'gold' }, '东城区'], ['bj-02', 'north', { tier: 'silver', vendor: 'x' }, '海淀区'], ['sh-01', 'east', {}, '浦东新区'],
    ]);
    const audit = await db.auditEvent.findMany({ where: { tenantId: op.tenant.id, action: 'edge.node.import' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ created: 3, groupsCreated: ['north', 'east'] });
  });

  it('imports nothing when one row is bad, and names each bad row and field', async () => {
    const op = await freshOperator(db);
    const error = await rejection(importNodes(db, op, request(csv('ok-1,10,20,,,,,g1,', 'bad-1,95,20,,,,,,', 'ok-2,11,21,,,,,,', 'ok-1,12,22,,,,,,'))));
    expect(error.code).toBe('validation');
    expect(error.extensions?.rows).toEqual([
      { line: 3, field: 'latitude', message: expect.any(String) },
      { line: 5, field: 'name', code: 'name-repeated', value: 'ok-1', message: '"ok-1" is also on line 2' },
    ]);
    expect(error.errors?.map((e) => e.field)).toEqual(['content.line 3.latitude', 'content.line 5.name']);
    expect(error.message).toContain('line 3 latitude');
    expect(await nodesOf(op)).toEqual([]);
    expect(await db.nodeGroup.count({ where: { tenantId: op.tenant.id } })).toBe(0);
  });

  it('dry run reports what would happen and writes nothing', async () => {
    const op = await freshOperator(db);
    await newNode(db, op, { name: 'existing' });
    const report = await importNodes(db, op, request(csv('existing,1,2,,,,,,', 'new-1,3,4,,,,,grp,'), { dryRun: true, onExisting: 'update' }));
    expect(report).toEqual({ dryRun: true, format: 'csv', total: 2, created: 1, updated: 1, groupsCreated: ['grp'] });
    expect((await nodesOf(op)).map((n) => [n.name, n.latitude])).toEqual([['existing', 31.23]]);
    expect(await db.auditEvent.count({ where: { tenantId: op.tenant.id, action: 'edge.node.import' } })).toBe(0);
  });

  it('refuses names already in the tenant unless asked to update them', async () => {
    const op = await freshOperator(db);
    await newNode(db, op, { name: 'muc-1' });
    const error = await rejection(importNodes(db, op, request(csv('muc-1,48.14,11.58,,Bayern,München,,,'))));
    expect(error.extensions?.rows).toEqual([expect.objectContaining({ line: 2, field: 'name', code: 'name-exists', value: 'muc-1' })]);
    const report = await importNodes(db, op, request(csv('muc-1,48.14,11.58,,Bayern,München,,,'), { onExisting: 'update' }));
    expect(report).toMatchObject({ created: 0, updated: 1 });
    expect((await nodesOf(op))[0]).toMatchObject({ name: 'muc-1', latitude: 48.14, city: 'München' });
  });

  it('keeps tenants apart: the same names in another tenant are not "existing"', async () => {
    const op = await freshOperator(db);
    const other = await freshOperator(db);
    await newNode(db, other, { name: 'shared-name' });
    expect(await importNodes(db, op, request(csv('shared-name,1,2,,,,,,')))).toMatchObject({ created: 1, updated: 0 });
  });

  it('says an import with a header and no rows has no nodes', async () => {
    const op = await freshOperator(db);
    const error = await rejection(importNodes(db, op, request(`${HEADER}\n`)));
    expect(error.extensions?.rows).toEqual([expect.objectContaining({ line: 1, message: 'the file has no nodes' })]);
  });
});

describe('exportNodes', () => {
  it('returns GeoJSON of the tenant\'s nodes that imports back unchanged into another tenant', async () => {
    const op = await freshOperator(db);
    await importNodes(db, op, request(csv('par-1,48.86,2.35,1 Rue de Rivoli,Île-de-France,Paris,1er,west,tier=gold', 'mad-1,40.42,-3.70,,Madrid,Madrid,Centro,,')));
    const stranger = await freshOperator(db);
    await newNode(db, stranger, { name: 'not-mine' });

    const fc = ZNodeFeatureCollection.parse(await exportNodes(db, op.tenant.id, {}, OPTIONS));
    expect(fc.features.map((f) => [f.properties.name, f.geometry.coordinates, f.properties.group, f.properties.status])).toEqual([
      ['mad-1', [-3.7, 40.42], '', 'pending'], ['par-1', [2.35, 48.86], 'west', 'pending'],
    ]);
    expect((await exportNodes(db, op.tenant.id, { label: 'tier=gold' }, OPTIONS)).features.map((f) => f.properties.name)).toEqual(['par-1']);

    const copy = await freshOperator(db);
    expect(await importNodes(db, copy, request(JSON.stringify(fc), { format: 'geojson' }))).toMatchObject({ created: 2, groupsCreated: ['west'] });
    const again = await exportNodes(db, copy.tenant.id, {}, OPTIONS);
    const comparable = (c: typeof fc) => c.features.map(({ properties: { id: _id, ...rest } }) => rest);
    expect(comparable(again)).toEqual(comparable(fc));
  });
});
