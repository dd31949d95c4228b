/** The map query's cache answers repeats from memory, and notices added, changed and removed nodes at once. */
import { ZMapNodeList } from '@mecport/contracts';
import { getPrisma, type DbClient } from '@mecport/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshOperator, newNode, OPTIONS } from './edge-fixtures';
import { listMapNodes } from './map-nodes';
import { MapNodesCache, mapNodesVersion } from './map-nodes-cache';
import { deleteNode, updateNode } from './nodes';

let db: DbClient;
beforeAll(() => { db = getPrisma(); });

const names = (json: string) => ZMapNodeList.parse(JSON.parse(json)).items.map((n) => n.name);

describe('MapNodesCache', () => {
  it('builds once for repeats, and again after a node is added, changed or removed', async () => {
    const op = await freshOperator(db);
    const a = await newNode(db, op, { name: 'a' });
    let builds = 0;
    const cache = new MapNodesCache((...args) => { builds += 1; return listMapNodes(...args); });
    {
      const answers = await Promise.all([0, 1, 2].map(() => cache.json(db, op.tenant.id, {}, OPTIONS)));
      expect(answers.map(names)).toEqual([['a'], ['a'], ['a']]);
      expect(await cache.json(db, op.tenant.id, {}, OPTIONS)).toBe(answers[0]);
      // one build for all four, or two when a status step passed in between
      expect(builds).toBeGreaterThanOrEqual(1);
      expect(builds).toBeLessThanOrEqual(2);

      await newNode(db, op, { name: 'b' });
      expect(names(await cache.json(db, op.tenant.id, {}, OPTIONS))).toEqual(['a', 'b']);
      await updateNode(db, op, a.id, { name: 'a2' }, OPTIONS);
      expect(names(await cache.json(db, op.tenant.id, {}, OPTIONS))).toEqual(['a2', 'b']);
      await deleteNode(db, op, a.id);
      expect(names(await cache.json(db, op.tenant.id, {}, OPTIONS))).toEqual(['b']);
      expect(names(await cache.json(db, op.tenant.id, { q: 'zzz' }, OPTIONS))).toEqual([]);
      const before = builds;
      expect(names(await cache.json(db, op.tenant.id, {}, { ...OPTIONS, fresh: true }))).toEqual(['b']);
      expect(builds).toBe(before + 1);
    }
  });

  it('keeps tenants apart and changes its version with the status step', async () => {
    const op = await freshOperator(db);
    const other = await freshOperator(db);
    await newNode(db, other, { name: 'theirs' });
    const cache = new MapNodesCache();
    expect(names(await cache.json(db, op.tenant.id, {}, OPTIONS))).toEqual([]);
    expect(names(await cache.json(db, other.tenant.id, {}, OPTIONS))).toEqual(['theirs']);
    const t = Date.UTC(2026, 0, 1);
    expect(await mapNodesVersion(db, op.tenant.id, 5, t)).toBe(await mapNodesVersion(db, op.tenant.id, 5, t + 4_000));
    expect(await mapNodesVersion(db, op.tenant.id, 5, t)).not.toBe(await mapNodesVersion(db, op.tenant.id, 5, t + 5_000));
  });
});
