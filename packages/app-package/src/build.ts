/**
 * `buildPackage`: a MEC 037 CSAR (TOSCA-Metadata variant) from a folder.
 *
 * Writes TOSCA-Metadata/TOSCA.meta when the folder has none, derives the manifest metadata
 * from the AppD (overridable), lists every file as a Source with its digest (streamed), and
 * zips it all. A manifest already in the folder lends its metadata; its Sources and any
 * signature are replaced (sign the result with `signPackage`).
 *
 * @example
 *   const built = await buildPackage({ dir: 'demo/face-app', out: '/tmp/face-app.csar' });
 *   built.sha256; built.metadata.vnfd_id;
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, posix, relative, resolve, sep } from 'node:path';
import { AppError } from '@mecport/contracts';
import { parseYaml, projectAppD } from './appd/tosca';
import type { TProgressCallback } from './context';
import { DIGEST_ALGORITHMS } from './csar/check-csar';
import { parseManifest, renderManifest, REQUIRED_METADATA } from './csar/manifest';
import { parseToscaMeta } from './csar/tosca-meta';
import { DEFAULT_LIMITS } from './limits';
import { writeZip, type TZipInput } from './zip/write-zip';

export interface TBuildOptions {
  /** Folder with the package content (Definitions/, Artifacts/, …). */
  dir: string;
  /** The CSAR to write. */
  out: string;
  /** Manifest metadata that wins over the AppD-derived values and an existing manifest. */
  metadata?: Record<string, string>;
  /** Main service template, when the folder has no TOSCA.meta and more than one candidate. */
  entryDefinitions?: string;
  /** Manifest digest algorithm (default SHA-256). */
  algorithm?: 'SHA-256' | 'SHA-384' | 'SHA-512';
  /** TOSCA.meta Created-By (default "MECport"). */
  createdBy?: string;
  /** vnf_release_date_time and the entries' mtime (default now): fix it for reproducible output. */
  releaseDate?: Date;
  onProgress?: TProgressCallback;
}

export interface TBuildResult {
  out: string;
  size: number;
  sha256: string;
  files: number;
  entryDefinitions: string;
  manifestPath: string;
  metadata: Record<string, string>;
}

/** Defaults for metadata the AppD does not carry. */
export const BUILD_DEFAULTS = { compatible_specification_versions: '2.7.1', mec_versions: '3.2.1', vnfm_info: 'etsivnfm:v2.3.1' } as const;

async function walk(root: string, skip: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    for (const item of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, item.name);
      const rel = relative(root, full).split(sep).join('/');
      if (resolve(full) === skip) continue;
      const info = await lstat(full);
      if (info.isSymbolicLink()) throw new AppError('bad-request', `${rel} is a symbolic link; a package holds regular files only (zip.symlink)`);
      if (info.isDirectory()) await visit(full);
      else if (info.isFile()) out.push(rel);
      else throw new AppError('bad-request', `${rel} is not a regular file`);
    }
  };
  await visit(root);
  return out.sort();
}

async function digest(path: string, algorithm: string, progress: (n: number, entry: string) => void, name: string): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    progress(chunk.length, name);
  }
  return hash.digest('hex');
}

function pickEntryDefinitions(files: string[]): string {
  const yamls = files.filter((f) => /\.ya?ml$/i.test(f));
  const inDefinitions = yamls.filter((f) => /^Definitions\/[^/]+$/i.test(f));
  const atRoot = yamls.filter((f) => !f.includes('/'));
  const pick = inDefinitions.length === 1 ? inDefinitions : atRoot.length === 1 ? atRoot : [];
  if (pick.length === 1) return pick[0]!;
  throw new AppError('bad-request', `cannot tell the main service template among ${[...inDefinitions, ...atRoot].join(', ') || 'no YAML file'}; pass entryDefinitions or write TOSCA-Metadata/TOSCA.meta`);
}

export async function buildPackage(options: TBuildOptions): Promise<TBuildResult> {
  const dir = resolve(options.dir);
  const files = await walk(dir, resolve(options.out)).catch((error: unknown) => {
    if (error instanceof AppError) throw error;
    throw new AppError('not-found', `cannot read ${options.dir}: ${(error as Error).message}`);
  });
  const releaseDate = options.releaseDate ?? new Date();
  const META = 'TOSCA-Metadata/TOSCA.meta';

  // 1. TOSCA.meta: keep the folder's (adding ETSI-Entry-Manifest if it lacks one) or write one.
  let metaText: string;
  let entryDefinitions: string;
  let manifestPath: string;
  if (files.includes(META)) {
    metaText = await readFile(join(dir, META), 'utf8');
    const meta = parseToscaMeta(metaText);
    if (meta.errors.length > 0) throw new AppError('validation', `${META} line ${meta.errors[0]!.line}: ${meta.errors[0]!.message}`);
    const declared = meta.get('Entry-Definitions')?.value;
    if (!declared) throw new AppError('validation', `${META} has no Entry-Definitions`);
    entryDefinitions = declared;
    manifestPath = meta.get('ETSI-Entry-Manifest')?.value ?? `${posix.basename(entryDefinitions).replace(/\.ya?ml$/i, '')}.mf`;
    if (!meta.get('ETSI-Entry-Manifest')) {
      const lines = metaText.replace(/\s+$/, '').split(/\r?\n/);
      const blockEnd = lines.findIndex((l) => l.trim() === '');
      lines.splice(blockEnd < 0 ? lines.length : blockEnd, 0, `ETSI-Entry-Manifest: ${manifestPath}`);
      metaText = `${lines.join('\n')}\n`;
    }
  } else {
    entryDefinitions = options.entryDefinitions ?? pickEntryDefinitions(files);
    manifestPath = `${posix.basename(entryDefinitions).replace(/\.ya?ml$/i, '')}.mf`;
    const lines = ['TOSCA-Meta-File-Version: 1.0', 'CSAR-Version: 1.1', `Created-By: ${options.createdBy ?? 'MECport'}`, `Entry-Definitions: ${entryDefinitions}`, `ETSI-Entry-Manifest: ${manifestPath}`];
    const has = (p: string) => files.some((f) => f === p || f.startsWith(`${p}/`));
    if (has('Artifacts/ChangeLog.txt')) lines.push('ETSI-Entry-Change-Log: Artifacts/ChangeLog.txt');
    if (has('Artifacts/Tests')) lines.push('ETSI-Entry-Tests: Artifacts/Tests');
    if (has('Licenses')) lines.push('ETSI-Entry-Licenses: Licenses');
    metaText = `${lines.join('\n')}\n`;
  }
  if (!files.includes(entryDefinitions)) throw new AppError('validation', `Entry-Definitions ${entryDefinitions} is not in ${options.dir}`);

  // 2. Metadata: AppD-derived < existing manifest < options.metadata.
  const definitionsPath = join(dir, entryDefinitions);
  if ((await lstat(definitionsPath)).size > DEFAULT_LIMITS.maxAppdBytes) throw new AppError('payload-too-large', `${entryDefinitions} is over ${DEFAULT_LIMITS.maxAppdBytes} bytes`);
  const parsed = parseYaml(await readFile(definitionsPath, 'utf8'));
  if (parsed.errors.length > 0) throw new AppError('validation', `${entryDefinitions}${parsed.errors[0]!.line ? ` line ${parsed.errors[0]!.line}` : ''}: ${parsed.errors[0]!.message}`);
  const draft = projectAppD(parsed.value, []).appd;
  const derived: Record<string, string | undefined> = {
    vnfd_id: draft.appDId as string | undefined,
    vnf_provider_id: draft.appProvider as string | undefined,
    vnf_product_name: draft.appName as string | undefined,
    vnf_release_date_time: releaseDate.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    vnf_software_version: draft.appSoftVersion as string | undefined,
    vnf_package_version: draft.appDVersion as string | undefined,
    compatible_specification_versions: BUILD_DEFAULTS.compatible_specification_versions,
    mec_versions: Array.isArray(draft.mecVersion) ? draft.mecVersion.join(',') : BUILD_DEFAULTS.mec_versions,
    vnfm_info: BUILD_DEFAULTS.vnfm_info,
    app_info_name: draft.appInfoName as string | undefined,
    app_description: draft.appDescription as string | undefined,
  };
  const existing = files.includes(manifestPath) ? Object.fromEntries([...parseManifest(await readFile(join(dir, manifestPath))).metadata].map(([k, v]) => [k, v.value])) : {};
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...derived, ...existing, ...options.metadata })) if (v !== undefined && v !== '') metadata[k] = v;
  const missing = REQUIRED_METADATA.filter((k) => !metadata[k]);
  if (missing.length > 0) throw new AppError('validation', `cannot build: manifest metadata ${missing.join(', ')} unknown; set them in the AppD (${entryDefinitions}) or pass metadata`);

  // 3. Digests of every file but the manifest and its signature, TOSCA.meta as written.
  const algorithm = options.algorithm ?? 'SHA-256';
  const nodeAlgorithm = DIGEST_ALGORITHMS[algorithm]!;
  const skip = new Set([manifestPath, manifestPath.replace(/\.mf$/i, '.cms')]);
  const content = files.filter((f) => !skip.has(f) && f !== META);
  let done = 0;
  let bytesTotal = 0;
  for (const f of content) bytesTotal += (await lstat(join(dir, f))).size;
  const progress = (n: number, entry: string) => { done += n; options.onProgress?.({ phase: 'entries', bytesDone: done, bytesTotal, entry }); };
  const metaBuffer = Buffer.from(metaText);
  const sources = [{ path: META, algorithm, hash: createHash(nodeAlgorithm).update(metaBuffer).digest('hex') }];
  for (const f of content) sources.push({ path: f, algorithm, hash: await digest(join(dir, f), nodeAlgorithm, progress, f) });
  const manifestBuffer = Buffer.from(renderManifest(metadata, sources));

  // 4. The archive: TOSCA.meta first, the manifest, then the content in name order.
  const inputs: TZipInput[] = [
    { name: META, buffer: metaBuffer },
    { name: manifestPath, buffer: manifestBuffer },
    ...content.map((f) => ({ name: f, path: join(dir, f) })),
  ];
  const written = await writeZip(options.out, inputs, releaseDate);
  return { out: options.out, size: written.size, sha256: written.sha256, files: inputs.length, entryDefinitions, manifestPath, metadata };
}
