/** GroupCommit: batches what arrives while writing (or lingering), one item per key per batch, and isolates a failing item. */
import { describe, expect, it, vi } from 'vitest';
import { GroupCommit } from './group-commit';

/** A writer whose batches finish only when the test says so. */
function gatedWriter(fail: (item: string) => boolean = () => false) {
  const batches: string[][] = [];
  let open: (() => void) | undefined;
  const write = async (items: string[]) => {
    batches.push(items);
    await new Promise<void>((resolve) => (open = resolve));
    const bad = items.find(fail);
    if (bad) throw new Error(`bad item ${bad}`);
  };
  const release = async () => { while (!open) await new Promise((r) => setImmediate(r)); const o = open; open = undefined; o(); };
  return { batches, write, release };
}

const key = (item: string) => item.split(':')[0]!;

describe('GroupCommit', () => {
  it('writes the first item alone, then everything that arrived meanwhile as one batch', async () => {
    const w = gatedWriter();
    const commit = new GroupCommit(w.write, key);
    const first = commit.submit('a:1');
    await w.release();
    const rest = ['b:1', 'c:1', 'd:1'].map((item) => commit.submit(item));
    await first;
    await w.release();
    await Promise.all(rest);
    expect(w.batches).toEqual([['a:1'], ['b:1', 'c:1', 'd:1']]);
  });

  it('never puts two items of one key in a batch, and keeps their order', async () => {
    const w = gatedWriter();
    const commit = new GroupCommit(w.write, key);
    const all = ['a:1', 'b:1', 'a:2', 'a:3'].map((item) => commit.submit(item));
    for (let i = 0; i < 3; i += 1) await w.release();
    await Promise.all(all);
    expect(w.batches).toEqual([['a:1', 'b:1'], ['a:2'], ['a:3']]);
  });

  it('honours the batch size', async () => {
    const w = gatedWriter();
    const commit = new GroupCommit(w.write, key, { maxBatch: 2 });
    const all = ['a', 'b', 'c'].map((item) => commit.submit(item));
    await w.release();
    await w.release();
    await Promise.all(all);
    expect(w.batches).toEqual([['a', 'b'], ['c']]);
  });

  it('when a batch fails, retries its items one by one so that only the bad one fails', async () => {
    const batches: string[][] = [];
    const commit = new GroupCommit(async (items: string[]) => {
      batches.push(items);
      if (items.includes('bad')) throw new Error('bad item');
    }, (item) => item);
    const results = await Promise.allSettled(['ok1', 'bad', 'ok2'].map((item) => commit.submit(item)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('bad item');
    expect(batches).toEqual([['ok1', 'bad', 'ok2'], ['ok1'], ['bad'], ['ok2']]);
  });

  it('with a linger, an idle committer gathers what arrives in that time into its first batch', async () => {
    vi.useFakeTimers();
    try {
      const batches: string[][] = [];
      const commit = new GroupCommit(async (items: string[]) => { batches.push(items); }, key, { lingerMs: 200 });
      const early = [commit.submit('a:1'), commit.submit('b:1')];
      await vi.advanceTimersByTimeAsync(150);
      expect(batches).toEqual([]);
      const late = commit.submit('c:1');
      await vi.advanceTimersByTimeAsync(50);
      await Promise.all([...early, late]);
      expect(batches).toEqual([['a:1', 'b:1', 'c:1']]);
      const next = commit.submit('d:1');
      await vi.advanceTimersByTimeAsync(199);
      expect(batches).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      await next;
      expect(batches).toEqual([['a:1', 'b:1', 'c:1'], ['d:1']]);
    } finally {
      vi.useRealTimers();
    }
  });
});
