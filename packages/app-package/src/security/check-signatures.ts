/**
 * SOL004 §5 package security as checks: option 1 (CMS over the manifest, appended as a PEM
 * block or shipped as `<manifest>.cms`) and option 2 (CMS over the whole CSAR, in a `.cms`
 * beside it). Each signature becomes a `TSignatureReport` with the verdict
 * `signed by <subject>: trusted | untrusted | invalid`.
 */
import type { X509Certificate } from 'node:crypto';
import type { TContext } from '../context';
import type { TManifest } from '../csar/manifest';
import { loadCertificates, parseCms, pemOrDer, verifyCms, type TContent, type TCmsResult, type TVerdict } from './cms';

export interface TSignatureReport {
  /** SOL004 security option: 1 = signed manifest, 2 = signed CSAR. */
  option: 1 | 2;
  verdict: TVerdict;
  subject?: string;
  reason?: string;
  signingTime?: string;
  /** Where the signature was found (manifest path, or the .cms file). */
  file: string;
  /** `signed by <subject>: <verdict>` (with the reason when not trusted). */
  text: string;
}

function report(option: 1 | 2, file: string, result: TCmsResult): TSignatureReport {
  const who = result.subject ? `signed by ${result.subject}` : 'signed';
  return {
    option, file, verdict: result.verdict,
    ...(result.subject ? { subject: result.subject } : {}),
    ...(result.reason ? { reason: result.reason } : {}),
    ...(result.signingTime ? { signingTime: result.signingTime.toISOString() } : {}),
    text: `${who}: ${result.verdict}${result.reason ? ` (${result.reason})` : ''}`,
  };
}

function record(ctx: TContext, id: 'signature.manifest' | 'signature.csar', sig: TSignatureReport, line?: number): void {
  const at = { file: sig.file, ...(line ? { line } : {}) };
  if (sig.verdict === 'invalid') { ctx.checks.fail(id, `invalid signature: ${sig.reason ?? 'does not verify'}`, at); return; }
  ctx.checks.pass(id, `signature verifies, ${sig.subject ? `signed by ${sig.subject}` : 'signer unknown'}`, at);
  if (sig.verdict === 'trusted') ctx.checks.pass('signature.trust', `${sig.subject} chains to a trusted CA`, at);
  else ctx.checks.add('signature.trust', ctx.requireTrustedSignature ? 'fail' : 'warn', `${sig.text}`, at);
}

function parseOrReport(ctx: TContext, id: 'signature.manifest' | 'signature.csar', option: 1 | 2, file: string, bytes: Buffer, line?: number): ReturnType<typeof parseCms> | TSignatureReport {
  try {
    return parseCms(pemOrDer(bytes));
  } catch (error) {
    const sig: TSignatureReport = { option, file, verdict: 'invalid', reason: `not a CMS SignedData: ${(error as Error).message}`, text: `signed: invalid (not a CMS SignedData: ${(error as Error).message})` };
    record(ctx, id, sig, line);
    return sig;
  }
}

const trimEnd = (b: Buffer) => Buffer.from(b.toString('utf8').replace(/\s+$/, ''));

/**
 * Option 1. `cmsFile` is a separate `<manifest>.cms` when the manifest has no PEM block;
 * `certificates` come from ETSI-Entry-Certificate.
 */
export async function checkManifestSignature(ctx: TContext, manifestPath: string, manifestBytes: Buffer, manifest: TManifest, cmsFile: { path: string; bytes: Buffer } | undefined, certificates: X509Certificate[] | undefined, certificatePath: string | undefined): Promise<TSignatureReport | undefined> {
  const inline = manifest.cms;
  if (!inline && !cmsFile) return undefined;
  const file = inline ? manifestPath : cmsFile!.path;
  const line = inline?.line;
  const parsed = parseOrReport(ctx, 'signature.manifest', 1, file, inline ? Buffer.from(inline.pem) : cmsFile!.bytes, line);
  if (!('signedData' in parsed)) return parsed;
  const signed = inline ? inline.signedBytes : manifestBytes;
  if (certificates && parsed.certificates.length > 0) ctx.checks.warn('signature.certificate', `the signing certificate is both inside the CMS and in ${certificatePath} (ETSI-Entry-Certificate); ship it once`, { file: certificatePath });
  let content: Buffer | undefined = signed;
  if (parsed.eContent) {
    // Attached signature: the encapsulated content must be the manifest (EdgeGallery signs only its Source entries).
    const sourcesAt = signed.indexOf('Source:');
    const sourcesOnly = sourcesAt >= 0 ? signed.subarray(sourcesAt) : Buffer.alloc(0);
    if (parsed.eContent.equals(signed) || trimEnd(parsed.eContent).equals(trimEnd(signed))) ctx.checks.pass('signature.scope', 'the signature covers the whole manifest', { file, ...(line ? { line } : {}) });
    else if (sourcesAt >= 0 && trimEnd(parsed.eContent).equals(trimEnd(sourcesOnly))) ctx.checks.warn('signature.scope', 'the signature covers the Source entries only, not the metadata block (EdgeGallery)', { file, ...(line ? { line } : {}) });
    else {
      const sig: TSignatureReport = { option: 1, file, verdict: 'invalid', reason: 'the signed content differs from the manifest', text: 'signed: invalid (the signed content differs from the manifest)' };
      record(ctx, 'signature.manifest', sig, line);
      return sig;
    }
    content = undefined;
  }
  let result = await verifyCms(parsed, content, { trust: ctx.trust, extraCertificates: certificates, now: ctx.now });
  if (result.verdict === 'invalid' && content && !parsed.eContent) {
    const retry = await verifyCms(parsed, trimEnd(content), { trust: ctx.trust, extraCertificates: certificates, now: ctx.now });
    if (retry.verdict !== 'invalid') result = retry;
  }
  const sig = report(1, file, result);
  record(ctx, 'signature.manifest', sig, line);
  return sig;
}

/** Option 2: a detached CMS over the whole CSAR, streamed. */
export async function checkCsarSignature(ctx: TContext, cms: { path: string; bytes: Buffer }, cert: { path: string; bytes: Buffer } | undefined, content: TContent): Promise<TSignatureReport> {
  const parsed = parseOrReport(ctx, 'signature.csar', 2, cms.path, cms.bytes);
  if (!('signedData' in parsed)) return parsed;
  let extra: X509Certificate[] | undefined;
  if (cert) {
    try { extra = loadCertificates(cert.bytes); } catch (error) { ctx.checks.fail('signature.certificate', `${cert.path} is not a PEM certificate: ${(error as Error).message}`, { file: cert.path }); }
    if (extra && extra.length === 0) ctx.checks.fail('signature.certificate', `${cert.path} holds no PEM certificate`, { file: cert.path });
  }
  const sig = report(2, cms.path, await verifyCms(parsed, content, { trust: ctx.trust, extraCertificates: extra, now: ctx.now }));
  record(ctx, 'signature.csar', sig);
  return sig;
}
