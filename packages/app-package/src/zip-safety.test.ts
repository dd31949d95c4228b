import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoFailure, PackageRefusedError, validatePackage, type TCheckId } from './index';
import { rawZip, type TRawEntry } from './testing/raw-zip';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'app-package-zip-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const APPD = `tosca_definitions_version: tosca_simple_yaml_1_3
node_types:
  T.App:
    derived_from: tosca.nodes.mec.MecApp
topology_template:
  node_templates:
    app:
      type: T.App
      properties: { descriptor_id: d1, provider: p, product_name: n, software_version: '1', descriptor_version: '1', product_info_description: x, mec_version: ['3.2.1'] }
    vdu:
      type: tosca.nodes.nfv.Vdu.Compute
      capabilities: { virtual_compute: { properties: { virtual_memory: { virtual_mem_size: 512 MB }, virtual_cpu: { num_virtual_cpu: 1 } } } }
`;

/** A small valid package plus `extra` entries, each listed in the manifest with the digest of its real data. */
function pkg(name: string, extra: TRawEntry[], listed = extra): string {
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const base: TRawEntry[] = [
    { name: 'TOSCA-Metadata/TOSCA.meta', data: Buffer.from('TOSCA-Meta-File-Version: 1.0\nCSAR-Version: 1.1\nCreated-By: test\nEntry-Definitions: Definitions/app.yaml\nETSI-Entry-Manifest: app.mf\n') },
    { name: 'Definitions/app.yaml', data: Buffer.from(APPD) },
  ];
  const meta = 'metadata:\nvnfd_id: d1\nvnf_provider_id: p\nvnf_product_name: n\nvnf_release_date_time: 2026-01-01T00:00:00Z\nvnf_software_version: 1\nvnf_package_version: 1\ncompatible_specification_versions: 4.4.1\nmec_versions: 3.2.1\nvnfm_info: etsivnfm:v2.3.1\n';
  const sources = [...base, ...listed].map((e) => `Source: ${e.name}\nAlgorithm: SHA-256\nHash: ${sha(e.data)}\n`).join('\n');
  const path = join(dir, name);
  writeFileSync(path, rawZip([...base, { name: 'app.mf', data: Buffer.from(`${meta}\n${sources}`) }, ...extra]));
  return path;
}

async function refusal(path: string, id: TCheckId, entry: string, limits = {}) {
  const report = await validatePackage(path, { limits });
  expect(report.ok).toBe(false);
  const failed = report.checks.filter((c) => c.status === 'fail');
  const hit = failed.find((c) => c.id === id);
  expect(hit, `expected a ${id} failure, got ${JSON.stringify(failed)}`).toBeDefined();
  expect(hit!.message).toContain(entry);
  let thrown: unknown;
  try { assertNoFailure(report.checks); } catch (error) { thrown = error; }
  expect(thrown).toBeInstanceOf(PackageRefusedError);
  return { report, hit: hit!, failed };
}

describe('ZIP safety', () => {
  it('the control package is valid', async () => {
    const report = await validatePackage(pkg('control.csar', [{ name: 'Artifacts/a.txt', data: Buffer.from('a') }]));
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
  });

  it('refuses zip-slip (".." segments) before reading anything', async () => {
    const { hit, failed, report } = await refusal(pkg('slip.csar', [{ name: 'Artifacts/../../evil.sh', data: Buffer.from('x') }]), 'zip.path-traversal', 'Artifacts/../../evil.sh');
    expect(hit.file).toBe('Artifacts/../../evil.sh');
    expect(failed.every((c) => c.id.startsWith('zip.'))).toBe(true);
    expect(report.checks.some((c) => c.id.startsWith('manifest.'))).toBe(false);
  });

  it('refuses absolute paths', async () => {
    await refusal(pkg('abs.csar', [{ name: '/etc/cron.d/evil', data: Buffer.from('x') }]), 'zip.absolute-path', '/etc/cron.d/evil');
    await refusal(pkg('drive.csar', [{ name: 'C:/Windows/evil.dll', data: Buffer.from('x') }]), 'zip.absolute-path', 'C:/Windows/evil.dll');
  });

  it('refuses backslashes', async () => {
    await refusal(pkg('backslash.csar', [{ name: 'Artifacts\\..\\evil', data: Buffer.from('x') }]), 'zip.path-traversal', 'Artifacts\\\\..\\\\evil');
  });

  it('refuses symbolic links (external attributes)', async () => {
    await refusal(pkg('link.csar', [{ name: 'Artifacts/passwd', data: Buffer.from('/etc/passwd'), unixMode: 0o120777 }]), 'zip.symlink', 'Artifacts/passwd');
  });

  it('refuses duplicate names', async () => {
    await refusal(pkg('dup.csar', [{ name: 'Artifacts/a.txt', data: Buffer.from('a') }, { name: 'Artifacts/a.txt', data: Buffer.from('b') }]), 'zip.duplicate', 'Artifacts/a.txt');
  });

  it('refuses encrypted entries', async () => {
    await refusal(pkg('enc.csar', [{ name: 'Artifacts/secret.bin', data: Buffer.from('secret'), flags: 1 }]), 'zip.encrypted', 'Artifacts/secret.bin');
  });

  it('refuses a zip bomb by its compression ratio', async () => {
    const { hit } = await refusal(pkg('bomb.csar', [{ name: 'Artifacts/zeros.bin', data: Buffer.alloc(20 * 1024 * 1024), method: 8 }]), 'zip.compression-ratio', 'Artifacts/zeros.bin');
    expect(hit.message).toMatch(/expands \d+:1, over maxCompressionRatio 200/);
  });

  it('enforces entry count, entry size and total size limits (configurable)', async () => {
    const files = Array.from({ length: 5 }, (_, i) => ({ name: `Artifacts/f${i}.txt`, data: Buffer.alloc(100, 65) }));
    const path = pkg('many.csar', files);
    await refusal(path, 'zip.entry-count', 'more than 6 entries', { maxEntries: 6 });
    await refusal(pkg('big.csar', [{ name: 'Artifacts/big.bin', data: Buffer.alloc(5000, 66) }]), 'zip.entry-size', 'Artifacts/big.bin', { maxEntryBytes: 4000 });
    await refusal(path, 'zip.total-size', 'over maxTotalBytes 1000', { maxTotalBytes: 1000 });
  });

  it('enforces the real size while streaming: an entry that inflates past its header is refused', async () => {
    const data = Buffer.from('x'.repeat(5000));
    const { hit } = await refusal(pkg('liar.csar', [{ name: 'Artifacts/liar.txt', data, method: 8, declaredSize: 10 }]), 'zip.size-mismatch', 'Artifacts/liar.txt');
    expect(hit.file).toBe('Artifacts/liar.txt');
  });

  it('refuses an oversized manifest, TOSCA.meta or AppD (configurable limits)', async () => {
    const path = pkg('small.csar', []);
    await refusal(path, 'manifest.size', 'app.mf', { maxManifestBytes: 100 });
    await refusal(path, 'meta.size', 'maxMetaBytes 50', { maxMetaBytes: 50 });
    await refusal(path, 'appd.size', 'Definitions/app.yaml', { maxAppdBytes: 100 });
  });

  it('refuses a file that is not a ZIP', async () => {
    const path = join(dir, 'not.csar');
    writeFileSync(path, 'hello');
    await refusal(path, 'zip.open', 'not a readable ZIP archive');
  });

  it('refuses YAML alias bombs in the AppD', async () => {
    const bomb = `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n`;
    const base = pkg('alias.csar', []);
    const report = await validatePackage(base);
    expect(report.ok).toBe(true);
    const { parseYaml } = await import('./appd/tosca');
    expect(parseYaml(bomb).errors[0]?.message).toMatch(/alias/i);
  });
});
