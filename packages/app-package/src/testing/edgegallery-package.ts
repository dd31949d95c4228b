/**
 * EdgeGallery-shaped packages for tests, written with the raw-zip helper: `app_*` manifest
 * names, the AppD zipped in `APPD/<name>.zip`, and either real digests or one placeholder
 * digest for every Source, as EdgeGallery's own tools leave them.
 *
 * @example
 *   writeFileSync(path, egPackage({ appd: { 'Definition/MainServiceTemplate.yaml': yaml }, digest: 'placeholder' }));
 */
import { createHash } from 'node:crypto';
import { rawZip, type TRawEntry } from './raw-zip';

export interface TEgPackageOptions {
  /** Files of the zipped AppD (inside the zip), e.g. `Definition/MainServiceTemplate.yaml`. */
  appd: Record<string, string | Buffer>;
  /** Name of the zip in `APPD/` (default `MainServiceTemplate.zip`). */
  zipName?: string;
  /** TOSCA.meta Entry-Definitions (default: the path inside the zip, `APPD/Definition/MainServiceTemplate.yaml`). */
  entryDefinitions?: string;
  /** `real` digests (default), or one `placeholder` digest for every Source. */
  digest?: 'real' | 'placeholder';
  /** Compression of the AppD zip inside the package, and of the files inside that zip. */
  method?: 0 | 8;
  /** A top folder every entry sits under (EdgeGallery's developer tools write one). */
  topFolder?: string;
  /** Other files of the package (default: a Helm chart). */
  files?: Record<string, string | Buffer>;
}

export const EG_PLACEHOLDER_DIGEST = 'c21317143c6c2618e61afc8e1e599b32a470705cdcc979c9c9b69f5f00017930';

const bytes = (v: string | Buffer) => (typeof v === 'string' ? Buffer.from(v) : v);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

export function egPackage(options: TEgPackageOptions): Buffer {
  const method = options.method ?? 0;
  const zipName = options.zipName ?? 'MainServiceTemplate.zip';
  const appdZip = rawZip(Object.entries(options.appd).map(([name, data]) => ({ name, data: bytes(data), method })));
  const files: Record<string, Buffer> = { [`APPD/${zipName}`]: appdZip };
  for (const [name, data] of Object.entries(options.files ?? { 'Artifacts/Deployment/Charts/app.tgz': 'a helm chart' })) files[name] = bytes(data);
  const meta = ['TOSCA-Meta-File-Version: 1.0', 'CSAR-Version: 1.1', 'Created-by: EdgeGallery', `Entry-Definitions: ${options.entryDefinitions ?? 'APPD/Definition/MainServiceTemplate.yaml'}`, ''].join('\n');
  const metadata = ['metadata:', 'app_product_name: positioning-service', 'app_provider_id: EdgeGallery', 'app_package_version: v1.0', 'app_release_data_time: 2021-07-02 14:50', 'app_type: container', 'app_package_description: a test package'];
  const sources = Object.entries(files).map(([name, data]) => `Source: ${name}\nAlgorithm: SHA-256\nHash: ${options.digest === 'placeholder' ? EG_PLACEHOLDER_DIGEST : sha256(data)}\n`);
  const manifest = `${metadata.join('\n')}\n\n${sources.join('\n')}`;
  const top = options.topFolder ? `${options.topFolder}/` : '';
  const entries: TRawEntry[] = [
    { name: `${top}TOSCA-Metadata/TOSCA.meta`, data: Buffer.from(meta) },
    { name: `${top}app.mf`, data: Buffer.from(manifest) },
    ...Object.entries(files).map(([name, data]) => ({ name: `${top}${name}`, data, method })),
  ];
  return rawZip(entries);
}
