import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openForApp, rotateIfLarger, tailLines } from './log-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agent-log-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('app log files', () => {
  it('tails the last complete lines, also of a file larger than the tail window', async () => {
    const path = join(dir, 'a.log');
    expect(await tailLines(path, 10)).toEqual([]);
    await writeFile(path, Array.from({ length: 20_000 }, (_, i) => `line ${i}`).join('\n') + '\n');
    expect(await tailLines(path, 3)).toEqual(['line 19997', 'line 19998', 'line 19999']);
    const all = await tailLines(path, 100_000);
    expect(all.length).toBeLessThan(20_000);
    expect(all[0]).toMatch(/^line \d+$/); // no line cut in half at the window's start
  });

  it('rotates by copy and truncate, so a writer holding the file in append mode carries on at the start', async () => {
    const path = join(dir, 'b.log');
    const writer = await openForApp(path);
    try {
      await writer.write('x'.repeat(2000) + '\n');
      expect(await rotateIfLarger(path, 1000)).toBe(true);
      expect((await stat(`${path}.1`)).size).toBe(2001);
      await writer.write('after rotation\n');
      expect(await readFile(path, 'utf8')).toBe('after rotation\n');
      expect(await rotateIfLarger(path, 1000)).toBe(false);
    } finally {
      await writer.close();
    }
    await appendFile(path, 'more\n');
    expect(await tailLines(path, 5)).toEqual(['after rotation', 'more']);
  });
});
