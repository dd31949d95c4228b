/**
 * `rehashPackage`: rewrites a package's manifest digests from the files it holds, for the
 * owner of a package whose digests are placeholders (EdgeGallery does not check them, so
 * packages made for it often carry one digest for every Source).
 *
 * Every local Source gets the digest of its file (its algorithm kept when it is SHA-256/384/512,
 * SHA-256 otherwise, and added when it had none); the rest of the manifest is kept line for line.
 * A manifest signature no longer signs the new text, so it is dropped; given a key and
 * certificate, the result is signed again with `signPackage` (option 1 by default).
 * A new file is written; the input is replaced only when `inPlace` is set.
 *
 * @example
 *   await rehashPackage({ csar: 'app.csar', out: 'app.rehashed.csar' });
 *   await rehashPackage({ csar: 'app.csar', out: 'app.signed.csar', key: keyPem, cert: certPem });
 */
import { copyFile, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix, resolve } from 'node:path';
import { AppError } from '@mecport/contracts';
import { DIGEST_ALGORITHMS } from './csar/check-csar';
import { parseManifest, type TManifest } from './csar/manifest';
import { locateManifest, openPackage, writeWithManifest } from './csar/open-package';
import { DEFAULT_LIMITS } from './limits';
import { signPackage, type TSignOptions, type TSignResult } from './sign';
import type { SafeZip } from './zip/safe-zip';

export interface TRehashOptions {
  csar: string;
  /** The package to write; must differ from `csar` unless `inPlace`. */
  out: string;
  /** Replace `csar` itself (written beside it, then renamed over it). */
  inPlace?: boolean;
  /** Sign the result: PEM key and certificate (both, or neither), chain optional. */
  key?: string | Buffer;
  cert?: string | Buffer;
  chain?: string | Buffer;
  /** Signature mode when signing (default `manifest`: the result stays a CSAR). */
  mode?: TSignOptions['mode'];
  layout?: TSignOptions['layout'];
  signingTime?: Date;
}

export interface TRehashResult {
  out: string;
  /** The manifest's path in the package (after any top folder). */
  manifestPath: string;
  /** Local Sources whose digest was written. */
  sources: number;
  /** Sources whose digest changed (or was added). */
  changed: string[];
  /** The input's manifest carried a signature, which no longer applied and was dropped. */
  droppedSignature: boolean;
  signed?: TSignResult;
}

const EXTERNAL = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The digest every local Source should carry, keyed by the Source's line. */
async function digestsOf(zip: SafeZip, prefix: string, manifest: TManifest, shown: string): Promise<Map<number, { label: string; hash: string; changed: boolean; path: string }>> {
  const out = new Map<number, { label: string; hash: string; changed: boolean; path: string }>();
  const missing: string[] = [];
  for (const source of manifest.sources) {
    if (EXTERNAL.test(source.path)) continue;
    const path = posix.normalize(source.path.replace(/^\.\//, ''));
    const entry = path.startsWith('../') || path.startsWith('/') ? undefined : zip.file(prefix + path);
    if (!entry) { missing.push(source.path); continue; }
    const declared = source.algorithm?.value.toUpperCase().replace(/_/g, '-');
    const label = declared && DIGEST_ALGORITHMS[declared] ? source.algorithm!.value : 'SHA-256';
    const hash = await zip.digest(entry, DIGEST_ALGORITHMS[label.toUpperCase().replace(/_/g, '-')]!);
    out.set(source.line, { label, hash, path, changed: source.hash?.value.trim().toLowerCase() !== hash || label !== source.algorithm?.value });
  }
  if (missing.length > 0) throw new AppError('validation', `${shown}: cannot rehash, ${missing.length} Source(s) of the manifest are not in the package: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`);
  return out;
}

/** The manifest text with each Source's Algorithm and Hash lines set (added after the Source when absent), signature left out. */
function rewriteManifest(bytes: Buffer, manifest: TManifest, digests: Map<number, { label: string; hash: string }>): Buffer {
  const text = (manifest.cms ? manifest.cms.signedBytes : bytes).toString('utf8').replace(/\s+$/, '');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const indent = (line: number) => /^[ \t]*/.exec(lines[line - 1] ?? '')![0];
  // Bottom-up, so that inserting lines does not move the Sources still to do.
  for (const source of [...manifest.sources].sort((a, b) => b.line - a.line)) {
    const digest = digests.get(source.line);
    if (!digest) continue;
    const pad = indent(source.line);
    if (source.algorithm) lines[source.algorithm.line - 1] = `${indent(source.algorithm.line)}Algorithm: ${digest.label}`;
    if (source.hash) lines[source.hash.line - 1] = `${indent(source.hash.line)}Hash: ${digest.hash}`;
    const after = Math.max(source.line, source.algorithm?.line ?? 0, source.hash?.line ?? 0);
    const added = [...(source.algorithm ? [] : [`${pad}Algorithm: ${digest.label}`]), ...(source.hash ? [] : [`${pad}Hash: ${digest.hash}`])];
    lines.splice(after, 0, ...added);
  }
  return Buffer.from(`${lines.join(eol)}${eol}`);
}

function checkOptions(options: TRehashOptions): void {
  if (!options.key !== !options.cert) throw new AppError('bad-request', 'signing needs both a key and a certificate');
  const same = resolve(options.csar) === resolve(options.out);
  if (same && !options.inPlace) throw new AppError('bad-request', `the output would overwrite ${options.csar}: choose another output, or rewrite it in place (inPlace, --in-place)`);
  if (options.inPlace && !same) throw new AppError('bad-request', 'in-place rewriting writes the input itself: give no other output');
  if (options.inPlace && options.key && (options.mode ?? 'manifest') !== 'manifest') throw new AppError('bad-request', 'in-place rewriting keeps the package a CSAR: sign it with the manifest mode, or write a new file for a signed envelope');
}

export async function rehashPackage(options: TRehashOptions): Promise<TRehashResult> {
  checkOptions(options);
  const zip = await openPackage(options.csar);
  const temp = await mkdtemp(join(tmpdir(), 'mecport-rehash-'));
  try {
    const { prefix, entry } = await locateManifest(zip, options.csar);
    const manifestPath = entry.name.slice(prefix.length);
    const bytes = await zip.read(entry, DEFAULT_LIMITS.maxManifestBytes);
    const manifest = parseManifest(bytes);
    const broken = manifest.errors[0];
    if (broken) throw new AppError('validation', `${manifestPath} line ${broken.line}: ${broken.message}; fix the manifest first`);
    const digests = await digestsOf(zip, prefix, manifest, options.csar);
    if (digests.size === 0) throw new AppError('validation', `${manifestPath} lists no Source in the package: nothing to rehash`);
    const unsigned = join(temp, basename(options.csar));
    await writeWithManifest(zip, entry, rewriteManifest(bytes, manifest, digests), unsigned);
    const droppedSignature = !!manifest.cms || !!zip.file(entry.name.replace(/\.mf$/i, '.cms'));
    zip.close();

    const target = options.inPlace ? join(dirname(options.csar), `.${basename(options.csar)}.rehash-${process.pid}`) : options.out;
    let signed: TSignResult | undefined;
    if (options.key && options.cert) {
      signed = await signPackage({ csar: unsigned, out: target, key: options.key, cert: options.cert, mode: options.mode ?? 'manifest', ...(options.chain ? { chain: options.chain } : {}), ...(options.layout ? { layout: options.layout } : {}), ...(options.signingTime ? { signingTime: options.signingTime } : {}) });
    } else {
      await copyFile(unsigned, target);
    }
    if (options.inPlace) await rename(target, options.csar).catch(async (error: unknown) => { await rm(target, { force: true }); throw error; });
    const changed = [...digests.values()].filter((d) => d.changed).map((d) => d.path);
    return { out: options.inPlace ? options.csar : options.out, manifestPath, sources: digests.size, changed, droppedSignature, ...(signed ? { signed: { ...signed, out: options.inPlace ? options.csar : signed.out } } : {}) };
  } finally {
    zip.close();
    await rm(temp, { recursive: true, force: true });
  }
}
