/**
 * `validatePackage`: the one entry point a job runner calls on an uploaded file.
 *
 * Reads the archive by random access (never whole), hashes the package once for its own
 * sha256 (on a second thread when it is large) while the entries are checked, and returns a
 * report: every check `pass | warn | fail` with a stable id, the parsed AppD, the signature
 * verdicts.
 * Content problems never throw: they are `fail` checks (`report.ok === false`). It throws
 * only for a missing file or a bad trust store (`AppError`).
 *
 * @example
 *   const report = await validatePackage('/data/uploads/app.csar', { trust: [caPem] }, (p) => job.progress(p.bytesDone / p.bytesTotal));
 *   if (!report.ok) console.log(report.checks.filter((c) => c.status === 'fail'));
 */
import type { X509Certificate } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '@mecport/contracts';
import type { TAppD } from './appd/schema';
import type { TJson } from './appd/tosca';
import { ProgressCounter, type TContext, type TProgressCallback } from './context';
import { checkCsar, type TCsarResult } from './csar/check-csar';
import { digestFile } from './hash/digest-file';
import { resolveLimits, type TLimits } from './limits';
import { CheckList, type TCheck } from './report';
import { checkCsarSignature, type TSignatureReport } from './security/check-signatures';
import { loadCertificates } from './security/cms';
import { SafeZip, type TZipEntry } from './zip/safe-zip';

export interface TValidateOptions {
  limits?: Partial<TLimits>;
  /** Trust store: PEM texts, each holding one or more CA (or pinned signer) certificates. */
  trust?: (string | Buffer)[];
  /**
   * Option 2 signature files beside the package on disk. Default: `<name>.cms` and
   * `<name>.cert` next to `<name>.csar|.zip`, used when they exist; `false` to ignore them.
   */
  detachedSignature?: { cms: string; cert?: string } | false;
  /** Unsigned packages fail `security.integrity` (default false: digests suffice). */
  requireSignature?: boolean;
  /** Untrusted signers fail `signature.trust` (default false: a warning). */
  requireTrustedSignature?: boolean;
  /** Clock for certificate validity (tests). */
  now?: Date;
}

export interface TValidationReport {
  /** No check failed. */
  ok: boolean;
  file: string;
  size: number;
  sha256: string;
  /** `mec037`, `edgegallery` (legacy names or dialect seen), or `unknown` when refused early. */
  variant: 'mec037' | 'edgegallery' | 'unknown';
  checks: TCheck[];
  summary: { pass: number; warn: number; fail: number };
  /** The MEC 010-2 AppD, when it validated. */
  appd?: TAppD;
  /** The projection before validation, also when it did not validate. */
  appdDraft?: TJson;
  /** Declared CPU architectures (Vdu.Compute virtual_cpu.cpu_architecture). */
  architectures: string[];
  /** Manifest metadata under MEC 037 names. */
  metadata: Record<string, string>;
  toscaMeta?: Record<string, string>;
  entryDefinitions?: string;
  manifestPath?: string;
  /** Top folder the package sits under (EdgeGallery), or "". */
  prefix: string;
  signatures: TSignatureReport[];
  /** `signed by <subject>: trusted | untrusted | invalid` (joined by "; "), or `unsigned`. */
  signature: string;
  limits: TLimits;
}

function loadTrust(trust: (string | Buffer)[] | undefined): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const [index, pem] of (trust ?? []).entries()) {
    let certs: X509Certificate[];
    try { certs = loadCertificates(pem); } catch (error) { throw new AppError('bad-request', `trust store entry ${index} is not a PEM certificate: ${(error as Error).message}`); }
    if (certs.length === 0) throw new AppError('bad-request', `trust store entry ${index} holds no PEM certificate`);
    out.push(...certs);
  }
  return out;
}

async function* counted(source: AsyncIterable<Buffer>, progress: ProgressCounter): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    progress.add(chunk.length, 'signature');
    yield chunk;
  }
}

/** Option 2 envelope: exactly `<name>.csar` + `<name>.cms` (+ `<name>.cert`) at the root. */
function envelopeOf(zip: SafeZip): { csar: TZipEntry; cms: TZipEntry; cert?: TZipEntry } | undefined {
  const files = zip.files;
  if (files.some((f) => f.name.includes('/'))) return undefined;
  const csar = files.filter((f) => /\.csar$/i.test(f.name));
  if (csar.length !== 1) return undefined;
  const base = csar[0]!.name.replace(/\.csar$/i, '');
  const cms = zip.file(`${base}.cms`);
  if (!cms) return undefined;
  const cert = zip.file(`${base}.cert`);
  const others = files.filter((f) => f !== csar[0] && f !== cms && f !== cert);
  return others.length === 0 ? { csar: csar[0]!, cms, ...(cert ? { cert } : {}) } : undefined;
}

async function validateEnvelope(ctx: TContext, zip: SafeZip, envelope: NonNullable<ReturnType<typeof envelopeOf>>, path: string, signatures: TSignatureReport[]): Promise<TCsarResult | undefined> {
  ctx.checks.pass('layout.signed-csar', `signed CSAR (SOL004 option 2): ${envelope.csar.name} with ${envelope.cms.name}${envelope.cert ? ` and ${envelope.cert.name}` : ''}`, { file: envelope.csar.name });
  const cms = { path: envelope.cms.name, bytes: await zip.read(envelope.cms, ctx.limits.maxSignatureBytes) };
  const cert = envelope.cert ? { path: envelope.cert.name, bytes: await zip.read(envelope.cert, ctx.limits.maxSignatureBytes) } : undefined;
  ctx.progress.expect(envelope.csar.size);
  signatures.push(await checkCsarSignature(ctx, cms, cert, () => counted(zip.stream(envelope.csar), ctx.progress)));
  let temp: string | undefined;
  let inner: SafeZip | undefined;
  try {
    if (envelope.csar.compressionMethod === 0) {
      inner = await SafeZip.open({ path, offset: await zip.dataOffset(envelope.csar), length: envelope.csar.size }, ctx.limits, ctx.checks, envelope.csar.name);
    } else {
      temp = await mkdtemp(join(tmpdir(), 'mecport-csar-'));
      const file = join(temp, 'inner.csar');
      await pipeline(Readable.from(zip.stream(envelope.csar)), createWriteStream(file));
      inner = await SafeZip.open({ path: file }, ctx.limits, ctx.checks, envelope.csar.name);
    }
    return inner ? await checkCsar(ctx, inner) : undefined;
  } finally {
    inner?.close();
    if (temp) await rm(temp, { recursive: true, force: true });
  }
}

async function readOptional(path: string | undefined, limit: number): Promise<Buffer | undefined> {
  if (!path) return undefined;
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  if (info.size > limit) throw new AppError('payload-too-large', `${path} is over maxSignatureBytes ${limit}`);
  return readFile(path);
}

export async function validatePackage(path: string, options: TValidateOptions = {}, onProgress?: TProgressCallback): Promise<TValidationReport> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new AppError('not-found', `no package file at ${path}`);
  const limits = resolveLimits(options.limits);
  const checks = new CheckList();
  const progress = new ProgressCounter(onProgress);
  const ctx: TContext = { checks, limits, trust: loadTrust(options.trust), now: options.now ?? new Date(), progress, requireSignature: !!options.requireSignature, requireTrustedSignature: !!options.requireTrustedSignature };
  const signatures: TSignatureReport[] = [];
  progress.expect(info.size);

  const base = path.replace(/\.(csar|zip)$/i, '');
  const beside = options.detachedSignature === false ? undefined : options.detachedSignature ?? { cms: `${base}.cms`, cert: `${base}.cert` };
  const besideCms = await readOptional(beside?.cms, limits.maxSignatureBytes);
  const besideCert = besideCms ? await readOptional(beside?.cert, limits.maxSignatureBytes) : undefined;
  if (options.detachedSignature && !besideCms) checks.fail('signature.csar', `signature file ${options.detachedSignature.cms} not found`, { file: options.detachedSignature.cms });

  const inspect = async (): Promise<TCsarResult | undefined> => {
    const zip = await SafeZip.open({ path }, limits, checks);
    if (!zip) return undefined;
    try {
      const envelope = envelopeOf(zip);
      return envelope ? await validateEnvelope(ctx, zip, envelope, path, signatures) : await checkCsar(ctx, zip);
    } finally {
      zip.close();
    }
  };
  // The package's sha256 runs on its own thread while the entries are checked here; if checking throws, the thread stops.
  const stopHashing = new AbortController();
  const hashing = digestFile(path, { onBytes: (n) => progress.add(n, 'package'), signal: stopHashing.signal });
  hashing.catch(() => undefined);
  const result = await inspect().catch((error: unknown) => { stopHashing.abort(error); throw error; });
  const sha256 = await hashing;
  if (besideCms && beside) {
    progress.expect(info.size);
    signatures.push(await checkCsarSignature(ctx, { path: beside.cms, bytes: besideCms }, besideCert && beside.cert ? { path: beside.cert, bytes: besideCert } : undefined, () => counted(createReadStream(path) as AsyncIterable<Buffer>, progress)));
  }
  progress.add(0, 'package', undefined, true);

  if (result) {
    signatures.unshift(...result.signatures);
    const legacy = result.variant === 'edgegallery';
    const option2 = signatures.some((s) => s.option === 2 && s.verdict !== 'invalid');
    const option1 = signatures.some((s) => s.option === 1 && s.verdict !== 'invalid');
    if (result.digestsComplete) checks.pass('security.integrity', `every Source carries a digest${option1 ? ' and the manifest is signed (option 1)' : ''}`, result.manifestPath ? { file: result.manifestPath } : undefined);
    else if (option2) checks.pass('security.integrity', 'the CSAR is signed (option 2)');
    else if (result.manifestPath) checks.failOrWarn(legacy, 'security.integrity', 'the manifest lacks digests and the CSAR is not signed: MEC 037 §6.2.2 requires one or the other', { file: result.manifestPath });
    if (ctx.requireSignature && !signatures.some((s) => s.verdict !== 'invalid')) checks.fail('security.integrity', 'the package is not signed, and this store requires signed packages');
  }

  const summary = { pass: 0, warn: 0, fail: 0 };
  for (const c of checks.items) summary[c.status] += 1;
  return {
    ok: summary.fail === 0,
    file: path,
    size: info.size,
    sha256,
    variant: result?.variant ?? 'unknown',
    checks: checks.items,
    summary,
    ...(result?.appd ? { appd: result.appd } : {}),
    ...(result?.appdDraft ? { appdDraft: result.appdDraft } : {}),
    architectures: result?.architectures ?? [],
    metadata: result?.metadata ?? {},
    ...(result?.toscaMeta ? { toscaMeta: result.toscaMeta } : {}),
    ...(result?.entryDefinitions ? { entryDefinitions: result.entryDefinitions } : {}),
    ...(result?.manifestPath ? { manifestPath: result.manifestPath } : {}),
    prefix: result?.prefix ?? '',
    signatures,
    signature: signatures.length > 0 ? signatures.map((s) => s.text).join('; ') : 'unsigned',
    limits,
  };
}
