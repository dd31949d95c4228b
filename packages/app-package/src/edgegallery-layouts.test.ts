import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePackage, type TValidationReport } from './index';
import { DEFAULT_LIMITS } from './limits';
import { CheckList } from './report';
import { egPackage, type TEgPackageOptions } from './testing/edgegallery-package';
import { rawZip } from './testing/raw-zip';
import { SafeZip } from './zip/safe-zip';

const SAMPLES = join(import.meta.dirname, '../test-data/edgegallery');
const fails = (r: TValidationReport) => r.checks.filter((c) => c.status === 'fail');
let dir: string;
/** The zipped AppD of EdgeGallery's test2048 sample: TOSCA_VNFD.meta, Definition/MainServiceTemplate.yaml and its types. */
let appd: Record<string, Buffer>;
let count = 0;

async function unzipAll(zip: SafeZip): Promise<Record<string, Buffer>> {
  const out: Record<string, Buffer> = {};
  for (const f of zip.files) out[f.name] = await zip.read(f, 1 << 24);
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'app-package-eg-'));
  const outer = (await SafeZip.open({ path: join(SAMPLES, 'test2048_1.0.csar') }, DEFAULT_LIMITS, new CheckList()))!;
  const zipped = await outer.read(outer.file('APPD/MainServiceTemplate.zip')!, 1 << 24);
  outer.close();
  const inner = (await SafeZip.open({ buffer: zipped }, DEFAULT_LIMITS, new CheckList()))!;
  appd = await unzipAll(inner);
  inner.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function validate(options: Partial<TEgPackageOptions>, limits?: Partial<typeof DEFAULT_LIMITS>): Promise<TValidationReport> {
  count += 1;
  const path = join(dir, `eg-${count}.csar`);
  writeFileSync(path, egPackage({ appd, ...options }));
  return validatePackage(path, limits ? { limits } : {});
}

describe('AppD zipped in APPD/<name>.zip, Entry-Definitions naming the path inside the zip', () => {
  it('opens the zip and reads the AppD from it, stored or deflated, with or without a top folder', async () => {
    for (const shape of [{ method: 0 as const }, { method: 8 as const, zipName: 'positioning.zip', topFolder: 'positioning_app' }]) {
      const report = await validate(shape);
      expect(fails(report), JSON.stringify(shape)).toEqual([]);
      const zipPath = `APPD/${shape.zipName ?? 'MainServiceTemplate.zip'}`;
      expect(report.checks.find((c) => c.id === 'meta.entry-definitions')).toMatchObject({ status: 'pass', file: `${zipPath}!/Definition/MainServiceTemplate.yaml` });
      expect(report.checks.find((c) => c.id === 'appd.zipped')).toMatchObject({ status: 'warn', file: zipPath });
      expect(report.entryDefinitions).toBe('APPD/Definition/MainServiceTemplate.yaml');
      expect(report.appd).toMatchObject({ appDId: 'EdgeGallery-positioning-service', appName: 'MEC', appProvider: 'EdgeGallery', appSoftVersion: 'v1.0.0', appDVersion: 'v1.0' });
      expect(report.appd?.virtualComputeDescriptor).toMatchObject({ virtualComputeDescId: 'logic0', virtualCpu: { numVirtualCpu: 4, cpuArchitecture: 'X86' } });
      expect(report.architectures).toEqual(['X86']);
    }
  });

  it('still reads the layout where Entry-Definitions names the zip itself', async () => {
    const report = await validate({ entryDefinitions: 'APPD/MainServiceTemplate.zip' });
    expect(fails(report)).toEqual([]);
    expect(report.appd?.appDId).toBe('EdgeGallery-positioning-service');
  });

  it('names the zip it searched when the path is not inside it', async () => {
    const report = await validate({ entryDefinitions: 'APPD/Definition/Other.yaml' });
    expect(report.appd).toBeUndefined();
    expect(fails(report)).toEqual([expect.objectContaining({ id: 'meta.entry-definitions', message: 'Entry-Definitions names APPD/Definition/Other.yaml, which is not in the package, nor Definition/Other.yaml inside APPD/MainServiceTemplate.zip' })]);
  });

  it('refuses a zipped AppD over maxAppdBytes with a clear message, without reading it', async () => {
    const report = await validate({}, { maxAppdBytes: 4096 });
    expect(report.appd).toBeUndefined();
    const [size] = fails(report);
    expect(size).toMatchObject({ id: 'appd.size', file: 'APPD/MainServiceTemplate.zip' });
    expect(size?.message).toMatch(/^the zipped AppD APPD\/MainServiceTemplate\.zip is \d+ bytes, over maxAppdBytes 4096: a zipped AppD is read into memory/);
  });

  it('applies the archive rules inside the zip: zip-slip, and an entry that streams more than it declares', async () => {
    const slip = await validate({ appd: { ...appd, '../../evil.yaml': 'x: 1' } });
    expect(slip.appd).toBeUndefined();
    expect(fails(slip)).toContainEqual(expect.objectContaining({ id: 'zip.path-traversal', file: 'APPD/MainServiceTemplate.zip!/../../evil.yaml' }));

    const main = appd['Definition/MainServiceTemplate.yaml']!;
    count += 1;
    const path = join(dir, `eg-${count}.csar`);
    const lying = rawZip([{ name: 'Definition/MainServiceTemplate.yaml', data: main, method: 8, declaredSize: 100 }]);
    writeFileSync(path, egPackage({ appd: {}, files: { 'APPD/Lying.zip': lying } }));
    const report = await validatePackage(path);
    expect(report.appd).toBeUndefined();
    expect(fails(report).map((c) => c.id)).toContain('zip.size-mismatch');
  });
});

describe('YAML lists whose items are all commented out', () => {
  it('read as empty lists, and the AppD validates', async () => {
    const sampleApp = (await SafeZip.open({ path: join(SAMPLES, 'sampleapp.csar') }, DEFAULT_LIMITS, new CheckList()))!;
    const yaml = (await sampleApp.read(sampleApp.file('positioning_with_mepagent_new/APPD/Definition/MainServiceTemplate.yaml')!, 1 << 20)).toString('utf8');
    sampleApp.close();
    const commented = yaml.replace(/( +)appServiceRequired:\n((?:\1 +.*\n)+)/, (_m, indent: string, items: string) => `${indent}appServiceRequired:\n${items.replace(/^( +)/gm, '$1# ')}`);
    expect(commented).toMatch(/appServiceRequired:\n +# - serName: test\n/);
    const report = await validate({ appd: { 'Definition/MainServiceTemplate.yaml': commented } });
    expect(report.checks.filter((c) => c.id === 'appd.schema')).toEqual([expect.objectContaining({ status: 'pass' })]);
    expect(report.appd?.appServiceRequired).toEqual([]);
    expect(report.appd?.appServiceOptional).toEqual([{ serName: 'appService2', version: '3.0' }]);
    expect(report.appd?.appDNSRule).toHaveLength(1);
  });
});
