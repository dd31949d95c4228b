import { describe, expect, it } from 'vitest';
import { LogBuffer, newTailLines } from './log-buffer';

describe('newTailLines', () => {
  it('returns what a pushed tail adds to the previous one', () => {
    expect(newTailLines([], ['a', 'b'])).toEqual(['a', 'b']);
    expect(newTailLines(['a', 'b', 'c'], ['b', 'c', 'd', 'e'])).toEqual(['d', 'e']);
    expect(newTailLines(['a', 'b'], ['a', 'b'])).toEqual([]);
    expect(newTailLines(['x', 'y'], ['p', 'q'])).toEqual(['p', 'q']); // rotated or cut: all of it is new
    expect(newTailLines(['tick', 'tick'], ['tick', 'tick', 'tick'])).toEqual(['tick']);
  });
});

describe('LogBuffer', () => {
  it('pages oldest first and keeps only the newest lines past its capacity', () => {
    const logs = new LogBuffer(3);
    for (const line of ['1', '2', '3', '4']) logs.add('app', 'stdout', line);
    const first = logs.page(undefined, 2);
    expect(first.items.map((l) => l.line)).toEqual(['2', '3']);
    expect(logs.page(first.nextCursor!, 2)).toEqual({ items: [expect.objectContaining({ line: '4', source: 'app' })], nextCursor: null });
  });
});
