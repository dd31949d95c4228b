/**
 * `signPackage`: SOL004 package security for an existing CSAR.
 *
 * - `manifest` (option 1): a detached CMS over the manifest text is appended to the
 *   manifest as a `-----BEGIN CMS-----` block; the signer certificate (and chain) travel
 *   inside the CMS, so no ETSI-Entry-Certificate is added. Other entries are copied as is.
 * - `csar` (option 2): a detached CMS over the whole CSAR; written as a ZIP holding
 *   `<name>.csar`, `<name>.cms` and `<name>.cert` (MEC 037 §6.2.3), or, with
 *   `layout: 'beside'`, as `<out>` plus `<out-base>.cms` and `<out-base>.cert` next to it.
 * - `both`: option 1, then option 2 over the result (the default).
 *
 * @example
 *   await signPackage({ csar: 'app.csar', out: 'app.signed.zip', key: keyPem, cert: certPem, chain: caPem });
 */
import { createPrivateKey, type KeyObject, type X509Certificate } from 'node:crypto';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { AppError } from '@mecport/contracts';
import { locateManifest, openPackage, writeWithManifest } from './csar/open-package';
import { DEFAULT_LIMITS } from './limits';
import { createCms, loadCertificates, toPem } from './security/cms';
import { writeZip } from './zip/write-zip';

export interface TSignOptions {
  csar: string;
  out: string;
  /** PEM private key (PKCS#8, PKCS#1 or SEC1), RSA or EC. */
  key: string | Buffer;
  /** PEM signer certificate. */
  cert: string | Buffer;
  /** PEM intermediate / CA certificates to carry along. */
  chain?: string | Buffer;
  mode?: 'manifest' | 'csar' | 'both';
  /** Option 2 output: an envelope ZIP (default) or `.cms`/`.cert` files beside `out`. */
  layout?: 'envelope' | 'beside';
  signingTime?: Date;
}

export interface TSignResult {
  out: string;
  mode: 'manifest' | 'csar' | 'both';
  subject: string;
  /** Files written besides `out` (layout `beside`). */
  beside?: { cms: string; cert: string };
}

/** Rewrites the CSAR with a CMS block appended to its manifest. */
async function signManifest(csar: string, out: string, key: KeyObject, cert: X509Certificate, chain: X509Certificate[], time: Date): Promise<void> {
  const zip = await openPackage(csar);
  try {
    const { entry: manifestEntry } = await locateManifest(zip, csar);
    let body = await zip.read(manifestEntry, DEFAULT_LIMITS.maxManifestBytes);
    const block = body.indexOf('-----BEGIN CMS-----');
    if (block >= 0) body = body.subarray(0, block);
    const text = body.toString('utf8').replace(/\s+$/, '');
    const signed = Buffer.from(`${text}\n\n`);
    const cms = await createCms(signed, key, cert, chain, time);
    const manifest = Buffer.concat([signed, Buffer.from(toPem(cms, 'CMS'))]);
    await writeWithManifest(zip, manifestEntry, manifest, out, time);
  } finally {
    zip.close();
  }
}

export async function signPackage(options: TSignOptions): Promise<TSignResult> {
  const mode = options.mode ?? 'both';
  let key: KeyObject;
  try { key = createPrivateKey(options.key); } catch (error) { throw new AppError('bad-request', `the signing key is not a PEM private key: ${(error as Error).message}`); }
  const [cert] = loadCertificates(options.cert);
  if (!cert) throw new AppError('bad-request', 'the signing certificate is not a PEM certificate');
  const chain = options.chain ? loadCertificates(options.chain) : [];
  const time = options.signingTime ?? new Date();
  const result: TSignResult = { out: options.out, mode, subject: cert.subject.split('\n').reverse().join(', ') };
  if (resolve(options.csar) === resolve(options.out)) throw new AppError('bad-request', 'out must differ from the input CSAR');

  if (mode === 'manifest') { await signManifest(options.csar, options.out, key, cert, chain, time); return result; }

  const temp = await mkdtemp(join(tmpdir(), 'mecport-sign-'));
  try {
    let csar = options.csar;
    if (mode === 'both') { csar = join(temp, basename(options.csar)); await signManifest(options.csar, csar, key, cert, chain, time); }
    const cms = toPem(await createCms(() => createReadStream(csar) as AsyncIterable<Buffer>, key, cert, chain, time), 'CMS');
    const certPem = [cert, ...chain].map((c) => c.toString()).join('');
    if (options.layout === 'beside') {
      const base = options.out.replace(/\.(csar|zip)$/i, '');
      result.beside = { cms: `${base}.cms`, cert: `${base}.cert` };
      await copyFile(csar, options.out);
      await writeFile(result.beside.cms, cms);
      await writeFile(result.beside.cert, certPem);
      return result;
    }
    const name = basename(options.csar).replace(/\.(csar|zip)$/i, '');
    await writeZip(options.out, [
      { name: `${name}.csar`, path: csar, compress: false },
      { name: `${name}.cms`, buffer: Buffer.from(cms) },
      { name: `${name}.cert`, buffer: Buffer.from(certPem) },
    ], time);
    return result;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
