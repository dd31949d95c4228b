import { mkdtemp, rm, writeFile, cp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage, readProcessBundle } from './index';

const HELLO_EDGE = join(import.meta.dirname, '../examples/hello-edge');
let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'process-bundle-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function helloEdgeWith(manifest: (m: Record<string, unknown>) => unknown, name: string): Promise<string> {
  const folder = join(dir, name);
  await cp(HELLO_EDGE, folder, { recursive: true });
  const path = join(folder, 'Artifacts/Deployment/Process/process.json');
  await writeFile(path, JSON.stringify(manifest(JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>)));
  const out = `${folder}.csar`;
  await buildPackage({ dir: folder, out });
  return out;
}

describe('readProcessBundle', () => {
  it('reads the declared ports of the package\'s process bundle', async () => {
    const csar = await helloEdgeWith((m) => ({ ...m, ports: [{ name: 'HTTP', port: 18123 }, { name: 'ADMIN', port: 18124 }] }), 'two-ports');
    expect((await readProcessBundle(csar))?.ports).toEqual([{ name: 'HTTP', port: 18123 }, { name: 'ADMIN', port: 18124 }]);
  });

  it('is null for a bundle that does not validate', async () => {
    const csar = await helloEdgeWith(() => ({ ports: 'none' }), 'broken');
    expect(await readProcessBundle(csar)).toBeNull();
  });
});
