import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePackage } from './index';
import { parseManifest } from './csar/manifest';
import { parseToscaMeta } from './csar/tosca-meta';
import { rawZip } from './testing/raw-zip';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'app-package-layout-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const APPD = `tosca_definitions_version: tosca_simple_yaml_1_3
node_types:
  T.App: { derived_from: tosca.nodes.mec.MecApp }
topology_template:
  node_templates:
    app:
      type: T.App
      properties: { descriptor_id: d1, provider: p, product_name: n, software_version: '1.0', descriptor_version: '1.0', product_info_description: x, mec_version: ['3.2.1'] }
    c1: { type: tosca.nodes.nfv.Vdu.OsContainer, properties: { name: web, requested_cpu_resources: 500 } }
`;

describe('layout variants', () => {
  it('reads the SOL004 variant without TOSCA-Metadata (root .yaml + same-named .mf), with a warning', async () => {
    const yaml = Buffer.from(APPD);
    const mf = `metadata:\n  vnfd_id: d1\n  vnf_provider_id: p\n  vnf_product_name: n\n  vnf_release_date_time: 2026-01-01T00:00:00+01:00\n  vnf_software_version: 1.0\n  vnf_package_version: 1.0\n  compatible_specification_versions: 4.4.1\n  mec_versions: 3.2.1\n  vnfm_info: etsivnfm:v2.3.1\n\nSource: app.yaml\nAlgorithm: SHA-512\nHash: ${createHash('sha512').update(yaml).digest('hex').toUpperCase()}\n`;
    const path = join(dir, 'root.csar');
    writeFileSync(path, rawZip([{ name: 'app.yaml', data: yaml }, { name: 'app.mf', data: Buffer.from(mf) }]));
    const report = await validatePackage(path);
    expect(report.checks.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual(['layout.tosca-metadata']);
    expect(report.entryDefinitions).toBe('app.yaml');
    expect(report.manifestPath).toBe('app.mf');
    expect(report.appd).toMatchObject({ appDId: 'd1', appSoftVersion: '1.0', osContainerDescriptor: [{ osContainerDescId: 'c1', name: 'web', requestedCpuResources: 500 }] });
    expect(report.appd?.virtualComputeDescriptor).toBeUndefined();
  });

  it('a MEC 037 package whose manifest disagrees with its AppD fails the cross-check', async () => {
    const yaml = Buffer.from(APPD);
    const mf = `metadata:\nvnfd_id: other\nvnf_provider_id: p\nvnf_product_name: n\nvnf_release_date_time: 2026-01-01T00:00:00Z\nvnf_software_version: 1.0\nvnf_package_version: 1.0\ncompatible_specification_versions: 4.4.1\nmec_versions: 3.2.1\nvnfm_info: etsivnfm:v2.3.1\n\nSource: app.yaml\nAlgorithm: SHA-256\nHash: ${createHash('sha256').update(yaml).digest('hex')}\n`;
    const path = join(dir, 'mismatch.csar');
    writeFileSync(path, rawZip([{ name: 'app.yaml', data: yaml }, { name: 'app.mf', data: Buffer.from(mf) }]));
    const report = await validatePackage(path);
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([{ id: 'manifest.appd-match', status: 'fail', message: 'manifest vnfd_id "other" differs from the AppD appDId "d1"', file: 'app.mf', line: 2 }]);
  });
});

describe('parsers', () => {
  it('TOSCA.meta: blocks, case-insensitive keys, continuation lines, errors with lines', () => {
    const meta = parseToscaMeta('TOSCA-Meta-File-Version: 1.0\nCreated-by: EdgeGallery\nEntry-Definitions: Definitions/\n  app.yaml\n\nName: x\nContent-Type: y\nbroken line\n');
    expect(meta.get('created-by')?.value).toBe('EdgeGallery');
    expect(meta.get('Entry-Definitions')).toEqual({ key: 'Entry-Definitions', value: 'Definitions/ app.yaml', line: 3 });
    expect(meta.blocks).toHaveLength(2);
    expect(meta.errors).toEqual([{ line: 8, message: 'not a "Key: value" line: "broken line"' }]);
  });

  it('manifest: metadata, sources with lines, non-MANO sets, the CMS block and the bytes it signs', () => {
    const text = 'metadata:\nvnfd_id: a\nvnfd_id: b\n\nSource: x.yaml\nAlgorithm: SHA-256\nHash: ab\n\nnon_mano_artifact_sets:\n  onap_ves_events:\n    Source: Files/ves.yaml\n-----BEGIN CMS-----\nAAAA\n-----END CMS-----\n';
    const m = parseManifest(Buffer.from(text));
    expect(m.metadata.get('vnfd_id')).toEqual({ value: 'a', line: 2 });
    expect(m.errors).toEqual([{ line: 3, message: 'metadata name "vnfd_id" repeats' }]);
    expect(m.sources).toEqual([{ path: 'x.yaml', line: 5, algorithm: { value: 'SHA-256', line: 6 }, hash: { value: 'ab', line: 7 } }]);
    expect(m.nonMano).toEqual([{ set: 'onap_ves_events', path: 'Files/ves.yaml', line: 11 }]);
    expect(m.cms?.line).toBe(12);
    expect(m.cms?.signedBytes.toString()).toBe(text.slice(0, text.indexOf('-----BEGIN')));
  });
});
