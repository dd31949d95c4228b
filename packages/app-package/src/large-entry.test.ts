import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage, validatePackage, type TProgress } from './index';

const ENTRY_BYTES = 200 * 1024 * 1024;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'app-package-large-'));
  const content = join(dir, 'content');
  cpSync(join(import.meta.dirname, '../examples/hello-mec'), content, { recursive: true });
  mkdirSync(join(content, 'Files/images'), { recursive: true });
  const chunk = randomBytes(1024 * 1024);
  const out = createWriteStream(join(content, 'Files/images/disk.img'));
  for (let written = 0; written < ENTRY_BYTES; written += chunk.length) {
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a 200 MB entry', () => {
  it('is built and hashed as a stream: memory stays far below the entry size, progress reaches the total', async () => {
    const csar = join(dir, 'large.csar');
    await buildPackage({ dir: join(dir, 'content'), out: csar });
    const progress: TProgress[] = [];
    const report = await validatePackage(csar, {}, (p) => progress.push(p));
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([expect.objectContaining({ id: 'workload.helm', status: 'warn' })]); // hello-mec carries only a Helm chart
    expect(report.checks.find((c) => c.file === 'Files/images/disk.img')).toMatchObject({ id: 'manifest.digest', status: 'pass' });
    expect(report.size).toBeGreaterThan(ENTRY_BYTES);
    // Peak memory, measured in a fresh process so nothing else has raised the high-water mark:
    // the package hash and the entry digest both stream 200 MB, neither holds it.
    const script = `import { validatePackage } from ${JSON.stringify(join(import.meta.dirname, 'index.ts'))};
      const before = process.memoryUsage().rss;
      const r = await validatePackage(${JSON.stringify(csar)});
      console.log(JSON.stringify({ ok: r.ok, before, maxRss: process.resourceUsage().maxRSS * 1024 }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: import.meta.dirname });
    const child = JSON.parse(stdout.trim().split('\n').at(-1)!) as { ok: boolean; before: number; maxRss: number };
    expect(child.ok).toBe(true);
    expect(child.maxRss - child.before).toBeLessThan(ENTRY_BYTES / 2); // ~45 MB measured: stream buffers awaiting GC
    expect(progress.length).toBeGreaterThan(100);
    const last = progress.at(-1)!;
    expect(last.bytesDone).toBe(last.bytesTotal);
    expect(last.bytesTotal).toBeGreaterThan(2 * ENTRY_BYTES);
    for (let i = 1; i < progress.length; i += 1) expect(progress[i]!.bytesDone).toBeGreaterThanOrEqual(progress[i - 1]!.bytesDone);
  });
});
