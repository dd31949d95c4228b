/**
 * The manifest (.mf) of SOL004 §4.3 / MEC 037 §6.2.2: a `metadata:` block of `name: value`
 * lines, `Source:` entries each optionally followed by `Algorithm:` and `Hash:`, optional
 * `non_mano_artifact_sets:`, and under security option 1 a trailing PEM
 * `-----BEGIN CMS-----` block signing everything before it.
 *
 * Also the MEC 037 metadata names and the EdgeGallery names seen in the wild that map to
 * them (accepted with a warning).
 *
 * @example parseManifest(Buffer.from('metadata:\nvnfd_id: x\n\nSource: a.yaml\nAlgorithm: SHA-256\nHash: ab\n')).sources[0]?.path
 */
export interface TManifestValue { value: string; line: number }

export interface TManifestSource {
  path: string;
  line: number;
  algorithm?: TManifestValue;
  hash?: TManifestValue;
}

export interface TManifest {
  metadata: Map<string, TManifestValue>;
  sources: TManifestSource[];
  nonMano: { set: string; path: string; line: number }[];
  /** The option 1 signature block, and the exact bytes before it (what a detached CMS signs). */
  cms?: { pem: string; line: number; signedBytes: Buffer };
  errors: { line: number; message: string }[];
}

/** MEC 037 Table 6.2.2-1: required manifest metadata names. */
export const REQUIRED_METADATA = ['vnfd_id', 'vnf_provider_id', 'vnf_product_name', 'vnf_release_date_time', 'vnf_software_version', 'vnf_package_version', 'compatible_specification_versions', 'mec_versions', 'vnfm_info'] as const;
export const OPTIONAL_METADATA = ['app_info_name', 'app_description'] as const;

/** EdgeGallery legacy names and the MEC 037 name each stands for (undefined: no equivalent). */
export const LEGACY_METADATA: Record<string, string | undefined> = {
  app_product_name: 'vnf_product_name',
  app_name: 'vnf_product_name',
  app_provider_id: 'vnf_provider_id',
  app_provider: 'vnf_provider_id',
  app_package_version: 'vnf_package_version',
  app_archive_version: 'vnf_package_version',
  app_release_data_time: 'vnf_release_date_time',
  app_release_date_time: 'vnf_release_date_time',
  app_package_description: 'app_description',
  app_type: undefined,
  app_class: undefined,
};

const CMS_BEGIN = /^-----BEGIN (CMS|PKCS7)-----\s*$/;
const CMS_END = /^-----END (CMS|PKCS7)-----\s*$/;
const PAIR = /^([A-Za-z0-9_.-]+):(?:[ \t]+(.*?))?\s*$/;

export function parseManifest(bytes: Buffer): TManifest {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  const result: TManifest = { metadata: new Map(), sources: [], nonMano: [], errors: [] };
  let section: 'start' | 'metadata' | 'sources' | 'non-mano' = 'start';
  let current: TManifestSource | undefined;
  let nonManoSet = '';
  for (let index = 0; index < lines.length; index += 1) {
    const raw = lines[index]!;
    const line = index + 1;
    if (CMS_BEGIN.test(raw.trim())) {
      const end = lines.findIndex((l, i) => i > index && CMS_END.test(l.trim()));
      if (end < 0) { result.errors.push({ line, message: 'signature block has no END line' }); break; }
      const marker = Buffer.from(raw.trim());
      const offset = bytes.indexOf(marker);
      result.cms = { pem: lines.slice(index, end + 1).join('\n'), line, signedBytes: bytes.subarray(0, offset) };
      for (const rest of lines.slice(end + 1)) if (rest.trim() !== '') result.errors.push({ line: end + 2, message: 'text after the signature block' });
      break;
    }
    if (raw.trim() === '') { if (section === 'metadata') section = 'sources'; continue; }
    const indented = /^[ \t]/.test(raw);
    const match = PAIR.exec(raw.trim());
    if (!match) { result.errors.push({ line, message: `not a "name: value" line: ${JSON.stringify(raw.slice(0, 80))}` }); continue; }
    const key = match[1]!;
    const value = match[2] ?? '';
    if (!indented && key === 'metadata' && value === '' && section === 'start') { section = 'metadata'; continue; }
    if (!indented && key === 'non_mano_artifact_sets' && value === '') { section = 'non-mano'; current = undefined; continue; }
    if (section === 'non-mano' && indented) {
      if (key === 'Source') result.nonMano.push({ set: nonManoSet, path: value, line });
      else if (value === '') nonManoSet = key;
      else result.errors.push({ line, message: `unexpected "${key}" in non_mano_artifact_sets` });
      continue;
    }
    if (key === 'Source') {
      section = 'sources';
      current = { path: value, line };
      result.sources.push(current);
      continue;
    }
    if ((key === 'Algorithm' || key === 'Hash') && current) {
      const slot = key === 'Algorithm' ? 'algorithm' : 'hash';
      if (current[slot]) result.errors.push({ line, message: `second ${key} for Source ${current.path}` });
      current[slot] = { value, line };
      continue;
    }
    if (key === 'Signature' || key === 'Certificate') continue; // SOL004 per-artifact signature references: not verified here.
    if (section === 'start' || section === 'metadata') {
      section = 'metadata';
      if (result.metadata.has(key)) result.errors.push({ line, message: `metadata name "${key}" repeats` });
      else result.metadata.set(key, { value, line });
      continue;
    }
    result.errors.push({ line, message: `unexpected "${key}" outside the metadata block` });
  }
  return result;
}

/** Manifest text for the given metadata and sources (the builder's output; no signature). */
export function renderManifest(metadata: Record<string, string>, sources: { path: string; algorithm: string; hash: string }[]): string {
  const head = ['metadata:', ...Object.entries(metadata).map(([k, v]) => `${k}: ${v}`)];
  const body = sources.map((s) => `Source: ${s.path}\nAlgorithm: ${s.algorithm}\nHash: ${s.hash}\n`);
  return `${head.join('\n')}\n\n${body.join('\n')}`;
}
