/**
 * The validation report: every check the codec ran, each `pass | warn | fail` with a stable
 * id, a human message and the file (and line) it concerns. `CHECKS` is the catalogue of ids;
 * the README lists the same table. Ids are API: never rename one, add a new one instead.
 */
export const CHECKS = {
  // ZIP container safety: every fail here is a refusal and stops validation.
  'zip.open': 'The file is a readable ZIP archive',
  'zip.entry-count': 'Number of entries within maxEntries',
  'zip.path-traversal': 'No entry name has a ".." segment (zip-slip)',
  'zip.absolute-path': 'No entry name is absolute ("/x", "C:/x")',
  'zip.path-invalid': 'Entry names have no backslash, control character, empty or "." segment',
  'zip.symlink': 'No entry is a symbolic link (external attributes)',
  'zip.special-file': 'No entry is a device, FIFO or socket',
  'zip.duplicate': 'No two entries have the same name',
  'zip.case-collision': 'No two entries differ only by letter case',
  'zip.encrypted': 'No entry is encrypted',
  'zip.compression-method': 'Entries are stored or deflated',
  'zip.entry-size': 'Each entry is within maxEntryBytes, declared and streamed',
  'zip.total-size': 'Sum of uncompressed sizes within maxTotalBytes',
  'zip.compression-ratio': 'Each entry within maxCompressionRatio (zip bomb)',
  'zip.size-mismatch': 'An entry streams exactly the size its header declares',
  // Layout (SOL004 §4.1, MEC 037 §6.1).
  'layout.top-folder': 'Entries are at the archive root, not under one top folder',
  'layout.tosca-metadata': 'TOSCA-Metadata/TOSCA.meta present (or the root .yaml/.mf variant)',
  'layout.signed-csar': 'Option 2 envelope: <name>.csar with <name>.cms (and <name>.cert)',
  // TOSCA.meta.
  'meta.size': 'TOSCA.meta within maxMetaBytes',
  'meta.syntax': 'TOSCA.meta is "Key: value" lines in blocks',
  'meta.version': 'TOSCA-Meta-File-Version 1.0 and CSAR-Version 1.1',
  'meta.entry-definitions': 'Entry-Definitions names a file in the package',
  'meta.entry-manifest': 'ETSI-Entry-Manifest names the manifest',
  'meta.entry-change-log': 'ETSI-Entry-Change-Log names a file in the package',
  'meta.entry-certificate': 'ETSI-Entry-Certificate names a file in the package',
  'meta.entry-other': 'ETSI-Entry-Licenses / ETSI-Entry-Tests name files or folders in the package',
  // Manifest (MEC 037 §6.2.2, SOL004 §4.3).
  'manifest.present': 'The package has a manifest (.mf)',
  'manifest.size': 'Manifest within maxManifestBytes',
  'manifest.syntax': 'Manifest lines parse; no metadata name repeats',
  'manifest.metadata': 'Required MEC 037 metadata names are present',
  'manifest.legacy-key': 'EdgeGallery app_* metadata name used instead of the MEC 037 name',
  'manifest.metadata-value': 'Metadata values are well formed (RFC 3339 time, x.y.z versions)',
  'manifest.appd-match': 'Manifest metadata equals the AppD values',
  'manifest.source-missing': 'Every Source names a file in the package',
  'manifest.digest': 'Every Source digest matches the file',
  'manifest.algorithm': 'Digest algorithm is SHA-256, SHA-384 or SHA-512',
  'manifest.no-digest': 'Every Source carries Algorithm and Hash',
  'manifest.external-source': 'External (URL) Sources carry a digest',
  'manifest.unlisted': 'Every file in the package is listed in the manifest',
  'manifest.non-mano': 'non_mano_artifact_sets name files in the package',
  // Package security (SOL004 §5, MEC 037 §6.3).
  'security.integrity': 'Digests for every Source, or a signed CSAR (option 2)',
  'signature.manifest': 'CMS signature of the manifest verifies (option 1)',
  'signature.csar': 'CMS signature of the CSAR verifies (option 2)',
  'signature.scope': 'The manifest signature covers the whole manifest',
  'signature.certificate': 'Signing certificate found exactly once (CMS or ETSI-Entry-Certificate)',
  'signature.trust': 'Signer chains to a trusted CA and is within its validity',
  // AppD (MEC 037 §5, MEC 010-2 §6.2.1.2).
  'appd.size': 'AppD YAML within maxAppdBytes',
  'appd.syntax': 'AppD parses as YAML',
  'appd.zipped': 'AppD is a plain YAML, not EdgeGallery\'s zipped APPD',
  'appd.tosca-version': 'tosca_definitions_version is tosca_simple_yaml_1_3',
  'appd.node-type': 'A node type derived from tosca.nodes.mec.MecApp describes the app',
  'appd.compute': 'One Vdu.Compute (or OsContainers) per app',
  'appd.legacy-default': 'A required AppD field absent from an EdgeGallery AppD was defaulted',
  'appd.schema': 'The projected MEC 010-2 AppD validates against the schema',
  // What the package runs as (container apps, issue 14).
  'workload.kubernetes': 'Kubernetes YAML parses and asks for nothing a node refuses (privileged, host paths, host namespaces, added capabilities, other kinds)',
  'workload.images': 'Each image the Kubernetes YAML names is in the package (Artifacts/Images/*.tar) or pinned by the AppD\'s swImageDescriptor checksum',
  'workload.helm': 'The package does not carry only a Helm chart (Helm charts are not rendered: deployment is refused)',
} as const;

export type TCheckId = keyof typeof CHECKS;
export type TCheckStatus = 'pass' | 'warn' | 'fail';

export interface TCheck {
  id: TCheckId;
  status: TCheckStatus;
  message: string;
  /** Path inside the package (after any top folder is stripped), or the package itself. */
  file?: string;
  /** 1-based line in `file`, where there is one. */
  line?: number;
}

export interface TLocation { file?: string; line?: number }

/** Collects checks in order; a `fail` on a refusing check can be turned into a thrown error. */
export class CheckList {
  readonly items: TCheck[] = [];

  add(id: TCheckId, status: TCheckStatus, message: string, at?: TLocation): TCheck {
    const check: TCheck = { id, status, message };
    if (at?.file !== undefined) check.file = at.file;
    if (at?.line !== undefined) check.line = at.line;
    this.items.push(check);
    return check;
  }

  pass(id: TCheckId, message: string, at?: TLocation): TCheck { return this.add(id, 'pass', message, at); }
  warn(id: TCheckId, message: string, at?: TLocation): TCheck { return this.add(id, 'warn', message, at); }
  fail(id: TCheckId, message: string, at?: TLocation): TCheck { return this.add(id, 'fail', message, at); }
  /** `fail` for MEC 037 packages, `warn` for EdgeGallery-variant ones (legacy leniency). */
  failOrWarn(legacy: boolean, id: TCheckId, message: string, at?: TLocation): TCheck {
    return this.add(id, legacy ? 'warn' : 'fail', message, at);
  }

  get failed(): boolean { return this.items.some((c) => c.status === 'fail'); }
  failedWith(prefix: string): boolean { return this.items.some((c) => c.status === 'fail' && c.id.startsWith(prefix)); }
}
