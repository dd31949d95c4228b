/**
 * Checks one CSAR (already listed safely): layout, TOSCA.meta, manifest metadata, every
 * Source digest (streamed), the option 1 signature and the AppD. Used for a plain package
 * and for the inner CSAR of an option 2 envelope.
 */
import type { X509Certificate } from 'node:crypto';
import { posix } from 'node:path';
import { loadAppd } from '../appd/load-appd';
import type { TAppD } from '../appd/schema';
import { zippedAppdCandidates } from '../appd/zipped-appd';
import type { TJson } from '../appd/tosca';
import type { TContext } from '../context';
import { PackageRefusedError } from '../errors';
import { checkManifestSignature, type TSignatureReport } from '../security/check-signatures';
import { loadCertificates } from '../security/cms';
import type { SafeZip } from '../zip/safe-zip';
import { checkWorkload } from '../workload/check-workload';
import { checkDigests, type TDigestItem } from './check-digests';
import { LEGACY_METADATA, parseManifest, REQUIRED_METADATA, type TManifest } from './manifest';
import { parseToscaMeta, type ToscaMeta } from './tosca-meta';

export interface TCsarResult {
  variant: 'mec037' | 'edgegallery';
  /** Top folder the package sits under (EdgeGallery), with its trailing "/", or "". */
  prefix: string;
  toscaMeta?: Record<string, string>;
  entryDefinitions?: string;
  manifestPath?: string;
  /** Manifest metadata under MEC 037 names (EdgeGallery names mapped; unmapped ones kept as they are). */
  metadata: Record<string, string>;
  appd?: TAppD;
  appdDraft?: TJson;
  architectures: string[];
  signatures: TSignatureReport[];
  sourceCount: number;
  /** Every local Source carries Algorithm and Hash. */
  digestsComplete: boolean;
}

export const DIGEST_ALGORITHMS: Record<string, string> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const VERSION_LIST = /^\s*\d+\.\d+\.\d+(\s*,\s*\d+\.\d+\.\d+)*\s*$/;
const APPD_PAIRS: [string, string][] = [
  ['vnfd_id', 'appDId'], ['vnf_provider_id', 'appProvider'], ['vnf_product_name', 'appName'], ['vnf_software_version', 'appSoftVersion'],
  ['vnf_package_version', 'appDVersion'], ['app_info_name', 'appInfoName'], ['app_description', 'appDescription'], ['mec_versions', 'mecVersion'],
];

const rootFiles = (zip: SafeZip, prefix: string, pattern: RegExp) => zip.files.filter((f) => f.name.startsWith(prefix) && !f.name.slice(prefix.length).includes('/') && pattern.test(f.name)).map((f) => f.name.slice(prefix.length));

function findPrefix(ctx: TContext, zip: SafeZip): string {
  const looksLikeRoot = (p: string) => !!zip.file(`${p}TOSCA-Metadata/TOSCA.meta`) || rootFiles(zip, p, /\.mf$/i).length > 0;
  if (looksLikeRoot('')) return '';
  const tops = new Set(zip.entries.map((e) => e.name.split('/')[0]));
  const [top] = [...tops];
  if (tops.size === 1 && top && zip.entries.every((e) => e.name === top || e.name.startsWith(`${top}/`)) && looksLikeRoot(`${top}/`)) {
    ctx.checks.warn('layout.top-folder', `every entry sits under the folder "${top}/" (EdgeGallery); paths below are relative to it`, { file: `${top}/` });
    return `${top}/`;
  }
  return '';
}

/** Reads the manifest named by TOSCA.meta or found at the root; undefined (with checks) when there is none. */
async function readManifest(ctx: TContext, zip: SafeZip, prefix: string, declared: string | undefined): Promise<{ path: string; bytes: Buffer; manifest: TManifest } | undefined> {
  const candidates = rootFiles(zip, prefix, /\.mf$/i);
  const path = declared ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (!path) {
    ctx.checks.fail('manifest.present', candidates.length > 1 ? `no ETSI-Entry-Manifest in TOSCA.meta and several .mf files at the root (${candidates.join(', ')})` : 'the package has no manifest (.mf): MEC 037 §6.2.2 requires one, named by ETSI-Entry-Manifest');
    return undefined;
  }
  const entry = zip.file(prefix + path);
  if (!entry) {
    ctx.checks.fail('meta.entry-manifest', `ETSI-Entry-Manifest names ${path}, which is not in the package`, { file: 'TOSCA-Metadata/TOSCA.meta' });
    ctx.checks.fail('manifest.present', `the manifest ${path} is missing`, { file: path });
    return undefined;
  }
  if (entry.size > ctx.limits.maxManifestBytes) {
    ctx.checks.fail('manifest.size', `${path} is ${entry.size} bytes, over maxManifestBytes ${ctx.limits.maxManifestBytes}`, { file: path });
    return undefined;
  }
  const bytes = await zip.read(entry, ctx.limits.maxManifestBytes);
  ctx.checks.pass('manifest.present', `manifest ${path}`, { file: path });
  return { path, bytes, manifest: parseManifest(bytes) };
}

function checkMetaFile(ctx: TContext, zip: SafeZip, prefix: string, meta: ToscaMeta, key: string, id: 'meta.entry-change-log' | 'meta.entry-other', allowFolder: boolean): void {
  const value = meta.get(key);
  if (!value) return;
  const exists = !!zip.file(prefix + value.value) || (allowFolder && zip.entries.some((e) => e.name.startsWith(`${prefix}${value.value.replace(/\/$/, '')}/`)));
  const at = { file: 'TOSCA-Metadata/TOSCA.meta', line: value.line };
  if (exists) ctx.checks.pass(id, `${value.key} ${value.value} is in the package`, at);
  else ctx.checks.add(id, id === 'meta.entry-change-log' ? 'fail' : 'warn', `${value.key} names ${value.value}, which is not in the package`, at);
}

function checkMetadata(ctx: TContext, manifest: TManifest, path: string, legacy: boolean): Map<string, string> {
  const normalized = new Map<string, string>();
  for (const [key, v] of manifest.metadata) {
    if (!(key in LEGACY_METADATA)) { normalized.set(key, v.value); continue; }
    const target = LEGACY_METADATA[key];
    if (target && !manifest.metadata.has(target) && !normalized.has(target)) normalized.set(target, v.value);
    if (!target) normalized.set(key, v.value);
    ctx.checks.warn('manifest.legacy-key', target ? `${key} is an EdgeGallery name; MEC 037 calls it ${target}` : `${key} is an EdgeGallery name with no MEC 037 equivalent`, { file: path, line: v.line });
  }
  const missing = REQUIRED_METADATA.filter((k) => !normalized.has(k));
  for (const key of missing) {
    if (key === 'compatible_specification_versions') ctx.checks.warn('manifest.metadata', 'compatible_specification_versions absent: SOL004 earlier than 2.7.1 assumed', { file: path });
    else ctx.checks.failOrWarn(legacy, 'manifest.metadata', `required metadata ${key} is missing (MEC 037 Table 6.2.2-1)`, { file: path });
  }
  if (missing.length === 0) ctx.checks.pass('manifest.metadata', 'every required MEC 037 metadata name is present', { file: path });
  const lineOf = (k: string) => manifest.metadata.get(k)?.line ?? [...manifest.metadata.entries()].find(([legacyKey]) => LEGACY_METADATA[legacyKey] === k)?.[1].line;
  const release = normalized.get('vnf_release_date_time');
  if (release !== undefined && !RFC3339.test(release)) ctx.checks.warn('manifest.metadata-value', `release date-time "${release}" is not an RFC 3339 timestamp`, { file: path, line: lineOf('vnf_release_date_time') });
  for (const key of ['compatible_specification_versions', 'mec_versions']) {
    const value = normalized.get(key);
    if (value !== undefined && !VERSION_LIST.test(value)) ctx.checks.warn('manifest.metadata-value', `${key} "${value}" is not a comma list of x.y.z versions`, { file: path, line: lineOf(key) });
  }
  return normalized;
}

function crossCheck(ctx: TContext, manifest: TManifest, path: string, normalized: Map<string, string>, draft: TJson, legacy: boolean): void {
  let mismatches = 0;
  for (const [key, field] of APPD_PAIRS) {
    const m = normalized.get(key);
    const raw = draft[field];
    const a = Array.isArray(raw) ? raw.join(',') : raw === undefined ? undefined : String(raw);
    if (m === undefined || a === undefined) continue;
    const same = key === 'mec_versions' ? m.split(',').map((s) => s.trim()).sort().join(',') === a.split(',').sort().join(',') : m === a;
    if (same) continue;
    mismatches += 1;
    const legacyKey = manifest.metadata.has(key) ? key : [...manifest.metadata.keys()].find((k) => LEGACY_METADATA[k] === key) ?? key;
    ctx.checks.failOrWarn(legacy, 'manifest.appd-match', `manifest ${legacyKey} "${m}" differs from the AppD ${field} "${a}"`, { file: path, line: manifest.metadata.get(legacyKey)?.line });
  }
  if (mismatches === 0) ctx.checks.pass('manifest.appd-match', 'manifest metadata equals the AppD values', { file: path });
}

export async function checkCsar(ctx: TContext, zip: SafeZip): Promise<TCsarResult | undefined> {
  const { checks, limits } = ctx;
  const prefix = findPrefix(ctx, zip);
  const META = 'TOSCA-Metadata/TOSCA.meta';
  const metaEntry = zip.file(prefix + META);
  let meta: ToscaMeta | undefined;
  let entryDefinitions: string | undefined;
  let manifestDeclared: string | undefined;
  if (metaEntry) {
    if (metaEntry.size > limits.maxMetaBytes) { checks.fail('meta.size', `TOSCA.meta is ${metaEntry.size} bytes, over maxMetaBytes ${limits.maxMetaBytes}`, { file: META }); return undefined; }
    meta = parseToscaMeta((await zip.read(metaEntry, limits.maxMetaBytes)).toString('utf8'));
    checks.pass('layout.tosca-metadata', 'TOSCA-Metadata/TOSCA.meta present', { file: META });
    for (const e of meta.errors) checks.fail('meta.syntax', e.message, { file: META, line: e.line });
    entryDefinitions = meta.get('Entry-Definitions')?.value;
    manifestDeclared = meta.get('ETSI-Entry-Manifest')?.value;
  } else {
    const yamls = rootFiles(zip, prefix, /\.ya?ml$/i);
    const mfs = rootFiles(zip, prefix, /\.mf$/i);
    const pair = yamls.find((y) => mfs.includes(y.replace(/\.ya?ml$/i, '.mf')));
    if (pair) {
      checks.warn('layout.tosca-metadata', `no TOSCA-Metadata/TOSCA.meta: SOL004 root variant (${pair} with ${pair.replace(/\.ya?ml$/i, '.mf')}); MEC 037 §6.1 requires TOSCA-Metadata`, { file: pair });
      entryDefinitions = pair;
      manifestDeclared = pair.replace(/\.ya?ml$/i, '.mf');
    } else {
      const folder = zip.has(`${prefix}TOSCA-Metadata`) ? ' (the TOSCA-Metadata folder is empty)' : '';
      const stray = zip.files.find((f) => /TOSCA[_-]?VNFD\.meta$/i.test(f.name));
      const strayNote = stray ? `; ${stray.name} is the AppD's own meta file, not the package's` : '';
      const what = mfs.length === 0 ? 'no manifest (.mf) at the root' : `no root .yaml with the same name as ${mfs.join(', ')}`;
      checks.fail('layout.tosca-metadata', `TOSCA-Metadata/TOSCA.meta is missing${folder}, and the SOL004 root variant does not apply: ${what}${strayNote}`, { file: META });
      if (mfs.length === 0 && !zip.files.some((f) => /\.mf$/i.test(f.name))) checks.fail('manifest.present', 'the package has no manifest (.mf) anywhere: MEC 037 §6.2.2 requires one, named by ETSI-Entry-Manifest');
      return undefined;
    }
  }

  const found = await readManifest(ctx, zip, prefix, manifestDeclared);
  const manifest = found?.manifest;
  const legacy = !!manifest && [...manifest.metadata.keys()].some((k) => k in LEGACY_METADATA);
  const variantHint: 'mec037' | 'edgegallery' = legacy ? 'edgegallery' : 'mec037';

  if (meta) {
    const at = (key: string) => ({ file: META, line: meta.get(key)?.line });
    const fileVersion = meta.get('TOSCA-Meta-File-Version')?.value;
    const csarVersion = meta.get('CSAR-Version')?.value;
    if (fileVersion === '1.0' && csarVersion === '1.1') checks.pass('meta.version', 'TOSCA-Meta-File-Version 1.0, CSAR-Version 1.1', { file: META });
    else checks.warn('meta.version', `TOSCA-Meta-File-Version ${fileVersion ?? 'absent'}, CSAR-Version ${csarVersion ?? 'absent'} (expected 1.0 and 1.1)`, { file: META });
    if (manifestDeclared) { if (found) checks.pass('meta.entry-manifest', `ETSI-Entry-Manifest ${manifestDeclared}`, at('ETSI-Entry-Manifest')); }
    else if (found) checks.failOrWarn(legacy, 'meta.entry-manifest', `TOSCA.meta has no ETSI-Entry-Manifest (MEC 037 §6.2.2); using ${found.path} found at the root`, { file: META });
    checkMetaFile(ctx, zip, prefix, meta, 'ETSI-Entry-Change-Log', 'meta.entry-change-log', false);
    checkMetaFile(ctx, zip, prefix, meta, 'ETSI-Entry-Licenses', 'meta.entry-other', true);
    checkMetaFile(ctx, zip, prefix, meta, 'ETSI-Entry-Tests', 'meta.entry-other', true);
  }
  if (!entryDefinitions) checks.fail('meta.entry-definitions', 'TOSCA.meta has no Entry-Definitions', { file: META });
  else if (zip.file(prefix + entryDefinitions)) checks.pass('meta.entry-definitions', `Entry-Definitions ${entryDefinitions}`, { file: entryDefinitions });
  else if (zippedAppdCandidates(zip, prefix, entryDefinitions).length === 0) { checks.fail('meta.entry-definitions', `Entry-Definitions names ${entryDefinitions}, which is not in the package`, { file: META, line: meta?.get('Entry-Definitions')?.line }); entryDefinitions = undefined; }
  // Otherwise it may be a path inside a zipped AppD beside it: loadAppd opens the zip and says whether it is there.

  const result: TCsarResult = { variant: variantHint, prefix, metadata: {}, architectures: [], signatures: [], sourceCount: 0, digestsComplete: false, ...(entryDefinitions ? { entryDefinitions } : {}) };
  if (meta) result.toscaMeta = Object.fromEntries([...(meta.blocks[0]?.values() ?? [])].map((v) => [v.key, v.value]));
  let certificates: X509Certificate[] | undefined;
  const certPath = meta?.get('ETSI-Entry-Certificate');
  if (certPath) {
    const entry = zip.file(prefix + certPath.value);
    if (!entry) checks.fail('meta.entry-certificate', `ETSI-Entry-Certificate names ${certPath.value}, which is not in the package`, { file: META, line: certPath.line });
    else {
      try { certificates = loadCertificates(await zip.read(entry, limits.maxSignatureBytes)); } catch (error) { if (error instanceof PackageRefusedError) throw error; }
      if (!certificates?.length) checks.fail('signature.certificate', `${certPath.value} holds no PEM certificate`, { file: certPath.value });
      else checks.pass('meta.entry-certificate', `ETSI-Entry-Certificate ${certPath.value}`, { file: certPath.value });
    }
  }

  let normalized = new Map<string, string>();
  if (found && manifest) {
    result.manifestPath = found.path;
    for (const e of manifest.errors) checks.fail('manifest.syntax', e.message, { file: found.path, line: e.line });
    normalized = checkMetadata(ctx, manifest, found.path, legacy);
    result.metadata = Object.fromEntries(normalized);
  }

  if (entryDefinitions) {
    const appd = await loadAppd(ctx, zip, prefix, entryDefinitions, legacy, normalized);
    if (appd.appd) result.appd = appd.appd;
    if (appd.draft) result.appdDraft = appd.draft;
    result.architectures = appd.architectures;
    if (appd.variant === 'edgegallery') result.variant = 'edgegallery';
    if (found && manifest && appd.draft) crossCheck(ctx, manifest, found.path, normalized, appd.draft, legacy || appd.variant === 'edgegallery');
  }
  await checkWorkload(ctx, zip, prefix, result.appd ?? result.appdDraft);
  if (!found || !manifest) return result;

  // Sources: existence, then digests streamed in archive order.
  const at = (line: number) => `${found.path} line ${line}`;
  const plan: TDigestItem[] = [];
  const listed = new Set<string>();
  const withoutDigest: string[] = [];
  for (const source of manifest.sources) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source.path)) {
      if (source.hash) checks.warn('manifest.external-source', `external Source ${source.path} is not fetched; its digest is not verified here`, { file: found.path, line: source.line });
      else checks.fail('manifest.external-source', `external Source ${source.path} has no digest (MEC 037 §6.2.2 requires digests when files are external)`, { file: found.path, line: source.line });
      continue;
    }
    result.sourceCount += 1;
    const path = posix.normalize(source.path.replace(/^\.\//, ''));
    listed.add(path);
    const entry = path.startsWith('../') || path.startsWith('/') ? undefined : zip.file(prefix + path);
    if (!entry) { checks.fail('manifest.source-missing', `${source.path} is listed as a Source (${at(source.line)}) but is not in the package`, { file: source.path }); continue; }
    if (!source.algorithm || !source.hash) { withoutDigest.push(path); continue; }
    const algorithm = DIGEST_ALGORITHMS[source.algorithm.value.toUpperCase().replace(/_/g, '-')];
    if (!algorithm) { checks.fail('manifest.algorithm', `${source.path}: digest algorithm ${source.algorithm.value} is not SHA-256, SHA-384 or SHA-512 (${at(source.algorithm.line)})`, { file: source.path }); continue; }
    plan.push({ entry, path, algorithm, label: source.algorithm.value, hash: source.hash.value.trim().toLowerCase(), line: source.line });
  }
  if (withoutDigest.length > 0) checks.warn('manifest.no-digest', `${withoutDigest.length} of ${result.sourceCount} Sources carry no Algorithm/Hash: ${withoutDigest.slice(0, 5).join(', ')}${withoutDigest.length > 5 ? ', …' : ''}`, { file: found.path });
  result.digestsComplete = result.sourceCount > 0 && withoutDigest.length === 0;
  await checkDigests(ctx, zip, plan, found.path, result.sourceCount);

  // Files the manifest does not list (the manifest, its signature and the certificate excepted).
  const exempt = new Set([found.path, found.path.replace(/\.mf$/i, '.cms'), ...(certPath ? [certPath.value] : [])]);
  const unlisted = zip.files.map((f) => f.name.slice(prefix.length)).filter((n) => !listed.has(n) && !exempt.has(n));
  for (const name of unlisted.slice(0, 20)) checks.warn('manifest.unlisted', `${name} is in the package but not listed as a Source`, { file: name });
  if (unlisted.length > 20) checks.warn('manifest.unlisted', `… and ${unlisted.length - 20} more files not listed as a Source`, { file: found.path });
  for (const item of manifest.nonMano) {
    if (!zip.file(prefix + posix.normalize(item.path))) checks.warn('manifest.non-mano', `non_mano_artifact_sets ${item.set}: ${item.path} is not in the package`, { file: found.path, line: item.line });
  }

  const cmsEntry = manifest.cms ? undefined : zip.file(prefix + found.path.replace(/\.mf$/i, '.cms'));
  const cmsFile = cmsEntry ? { path: cmsEntry.name.slice(prefix.length), bytes: await zip.read(cmsEntry, limits.maxSignatureBytes) } : undefined;
  const signature = await checkManifestSignature(ctx, found.path, found.bytes, manifest, cmsFile, certificates, certPath?.value);
  if (signature) result.signatures.push(signature);
  return result;
}
