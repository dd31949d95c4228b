/** The map query's cache answers repeats from memory, notices added, changed and removed nodes at once, and keeps an unchanged answer (and its ETag) across rebuilds. */
import { decodeMapNodes, ZMapNodeList } from '@mecport/contracts';
import { getPrisma, type DbClient } from '@mecport/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshOperator, newNode, OPTIONS } from '../../testing/edge-fixtures';
import { listMapNodes } from './map-nodes';
import { MapNodesCache, mapNodesVersion, STATUS_STEP_SEC } from './map-nodes-cache';
import { deleteNode, updateNode } from './nodes';

let db: DbClient;
beforeAll(() => { db = getPrisma(); });

/** The answer's JSON text, as the route sends it. */
const json = async (cache: MapNodesCache, ...args: Parameters<MapNodesCache['answer']>) => (await cache.answer(...args)).json;
const names = (text: string) => decodeMapNodes(ZMapNodeList.parse(JSON.parse(text))).map((n) => n.name);

describe('MapNodesCache', () => {
  it('builds once for repeats, and again after a node is added, changed or removed', async () => {
    const op = await freshOperator(db);
    const a = await newNode(db, op, { name: 'a' });
    let builds = 0;
    const cache = new MapNodesCache((...args) => { builds += 1; return listMapNodes(...args); });
    {
      const answers = await Promise.all([0, 1, 2].map(() => json(cache, db, op.tenant.id, {}, OPTIONS)));
      expect(answers.map(names)).toEqual([['a'], ['a'], ['a']]);
      expect(await json(cache, db, op.tenant.id, {}, OPTIONS)).toBe(answers[0]);
      // one build for all four, or two when a status step passed in between
      expect(builds).toBeGreaterThanOrEqual(1);
      expect(builds).toBeLessThanOrEqual(2);

      await newNode(db, op, { name: 'b' });
      expect(names(await json(cache, db, op.tenant.id, {}, OPTIONS))).toEqual(['a', 'b']);
      await updateNode(db, op, a.id, { name: 'a2' }, OPTIONS);
      expect(names(await json(cache, db, op.tenant.id, {}, OPTIONS))).toEqual(['a2', 'b']);
      await deleteNode(db, op, a.id);
      expect(names(await json(cache, db, op.tenant.id, {}, OPTIONS))).toEqual(['b']);
      expect(names(await json(cache, db, op.tenant.id, { q: 'zzz' }, OPTIONS))).toEqual([]);
      const before = builds;
      expect(names(await json(cache, db, op.tenant.id, {}, { ...OPTIONS, fresh: true }))).toEqual(['b']);
      expect(builds).toBe(before + 1);
    }
  });

  it('keeps tenants apart and changes its version with the status step', async () => {
    const op = await freshOperator(db);
    const other = await freshOperator(db);
    await newNode(db, other, { name: 'theirs' });
    const cache = new MapNodesCache();
    expect(names(await json(cache, db, op.tenant.id, {}, OPTIONS))).toEqual([]);
    expect(names(await json(cache, db, other.tenant.id, {}, OPTIONS))).toEqual(['theirs']);
    const t = Date.UTC(2026, 0, 1);
    expect(await mapNodesVersion(db, op.tenant.id, 5, t)).toBe(await mapNodesVersion(db, op.tenant.id, 5, t + 4_000));
    expect(await mapNodesVersion(db, op.tenant.id, 5, t)).not.toBe(await mapNodesVersion(db, op.tenant.id, 5, t + 5_000));
  });

  it('keeps the same answer (and ETag) when a rebuild yields the same content, and a new ETag when it does not', async () => {
    const op = await freshOperator(db);
    await newNode(db, op, { name: 'p', latitude: 31.123456789, longitude: 121.987654321 });
    let builds = 0;
    const cache = new MapNodesCache((...args) => { builds += 1; return listMapNodes(...args); });
    const first = await cache.answer(db, op.tenant.id, {}, OPTIONS);
    expect(decodeMapNodes(ZMapNodeList.parse(JSON.parse(first.json)))[0]).toMatchObject({ name: 'p', lat: 31.123457, lng: 121.987654, province: '上海市', groupId: null });

    // a fresh build has the same content but is not kept; the next status step's rebuild is, and keeps the answer
    expect((await cache.answer(db, op.tenant.id, {}, { ...OPTIONS, fresh: true })).etag).toBe(first.etag);
    await new Promise((r) => setTimeout(r, (STATUS_STEP_SEC * 1000) - (Date.now() % (STATUS_STEP_SEC * 1000)) + 50));
    const before = builds;
    expect(await cache.answer(db, op.tenant.id, {}, OPTIONS)).toBe(first);
    expect(builds).toBe(before + 1);

    await newNode(db, op, { name: 'q' });
    const changed = await cache.answer(db, op.tenant.id, {}, OPTIONS);
    expect(names(changed.json)).toEqual(['p', 'q']);
    expect(changed.etag).not.toBe(first.etag);
  });
});
