import { rawZip } from '@mecport/app-package/testing/raw-zip';
import { describe, expect, it } from 'vitest';
import { manifestVersion, packageVersion } from './package-version';

const MANIFEST = 'metadata:\nvnfd_id: hello\nvnf_software_version: 2.3.4\nvnf_package_version: 1.0\n\nSource: Definitions/hello.yaml\nAlgorithm: SHA-256\nHash: ab\n';
const META = 'TOSCA-Meta-File-Version: 1.0\nCSAR-Version: 1.1\nEntry-Definitions: Definitions/hello.yaml\nETSI-Entry-Manifest: hello.mf\n';
const zipOf = (entries: Record<string, string>, method: 0 | 8 = 8) => new Blob([new Uint8Array(rawZip(Object.entries(entries).map(([name, text]) => ({ name, data: Buffer.from(text), method }))))]);

describe('manifestVersion', () => {
  it('reads vnf_software_version from the metadata block', () => {
    expect(manifestVersion(MANIFEST)).toBe('2.3.4');
  });

  it('falls back to an EdgeGallery app_package_version, quoted or not', () => {
    expect(manifestVersion('metadata:\napp_product_name: x\napp_package_version: "v1.2"\n')).toBe('v1.2');
  });

  it('ignores names outside the metadata block and versions the portal would refuse', () => {
    expect(manifestVersion('Source: a\nvnf_software_version: 1.0.0\n')).toBeUndefined();
    expect(manifestVersion('metadata:\nvnf_software_version: ../1\n')).toBeUndefined();
  });
});

describe('packageVersion', () => {
  it('reads the manifest TOSCA.meta names, deflated', async () => {
    expect(await packageVersion(zipOf({ 'TOSCA-Metadata/TOSCA.meta': META, 'hello.mf': MANIFEST, 'other.mf': 'metadata:\nvnf_software_version: 9\n' }))).toBe('2.3.4');
  });

  it('finds the one root manifest of an EdgeGallery package under its top folder', async () => {
    expect(await packageVersion(zipOf({ 'app/app.mf': 'metadata:\napp_package_version: 3.0.0\n', 'app/Artifacts/x.txt': 'x' }, 0))).toBe('3.0.0');
  });

  it('says nothing for a file that is not a zip, or a package without a manifest', async () => {
    expect(await packageVersion(new Blob(['not a zip']))).toBeUndefined();
    expect(await packageVersion(zipOf({ 'readme.txt': 'hi' }))).toBeUndefined();
  });
});
