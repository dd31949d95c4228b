import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@mecport/contracts';
import { rehashPackage, validatePackage, type TValidationReport } from './index';
import { DEFAULT_LIMITS } from './limits';
import { CheckList } from './report';
import { makeCertificate, type TTestCertificate } from './testing/certs';
import { EG_PLACEHOLDER_DIGEST, egPackage } from './testing/edgegallery-package';
import { rawZip } from './testing/raw-zip';
import { SafeZip } from './zip/safe-zip';
import { entriesOf } from './testing/zip-entries';

const SAMPLE_APP = join(import.meta.dirname, '../test-data/edgegallery/sampleapp.csar');
const fails = (r: TValidationReport) => r.checks.filter((c) => c.status === 'fail');
const digestChecks = (r: TValidationReport) => r.checks.filter((c) => c.id === 'manifest.digest');
let dir: string;
let ca: TTestCertificate;
let signer: TTestCertificate;

async function manifestOf(path: string, name: RegExp): Promise<string> {
  const zip = (await SafeZip.open({ path }, DEFAULT_LIMITS, new CheckList()))!;
  const text = (await zip.read(zip.files.find((f) => name.test(f.name))!, 1 << 20)).toString('utf8');
  zip.close();
  return text;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'app-package-rehash-'));
  ca = makeCertificate({ commonName: 'EdgeGallery Owner CA', ca: true });
  signer = makeCertificate({ commonName: 'Positioning App Owner', issuer: ca });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('placeholder digests, then rehashPackage', () => {
  it('sampleapp.csar (one digest for both Sources) fails with the placeholder message, validates after rehash, and verifies once signed', async () => {
    const before = await validatePackage(SAMPLE_APP);
    expect(fails(before)).toHaveLength(1);
    expect(fails(before)[0]?.message).toMatch(/^every Source of positioning-service\.mf carries the same SHA-256 digest c21317143c6c\S+, a placeholder .*npx mecport-pkg rehash/);

    const out = join(dir, 'sampleapp.rehashed.csar');
    const result = await rehashPackage({ csar: SAMPLE_APP, out });
    expect(result).toMatchObject({ out, manifestPath: 'positioning-service.mf', sources: 2, droppedSignature: false });
    expect(result.changed.sort()).toEqual(['APPD/Definition/MainServiceTemplate.yaml', 'Artifacts/Deployment/Charts/positioning-service.tgz']);
    const after = await validatePackage(out);
    expect(fails(after)).toEqual([]);
    expect(digestChecks(after).map((c) => [c.status, c.file]).sort()).toEqual([['pass', 'APPD/Definition/MainServiceTemplate.yaml'], ['pass', 'Artifacts/Deployment/Charts/positioning-service.tgz']]);
    expect(after.appd?.appDId).toBe(before.appd?.appDId);
    // Only the Hash lines changed: metadata and layout are the owner's.
    const [was, now] = [await manifestOf(SAMPLE_APP, /\.mf$/), await manifestOf(out, /\.mf$/)];
    expect(now.split('\n').filter((l) => !l.startsWith('Hash: '))).toEqual(was.replace(/\s+$/, '\n').split('\n').filter((l) => !l.startsWith('Hash: ')));
    expect(readFileSync(SAMPLE_APP).equals(readFileSync(join(import.meta.dirname, '../test-data/edgegallery/sampleapp.csar')))).toBe(true);

    const signedOut = join(dir, 'sampleapp.signed.csar');
    const signed = await rehashPackage({ csar: SAMPLE_APP, out: signedOut, key: signer.keyPem, cert: signer.certPem, chain: ca.certPem });
    expect(signed.signed).toMatchObject({ out: signedOut, mode: 'manifest', subject: 'CN=Positioning App Owner' });
    const verified = await validatePackage(signedOut, { trust: [ca.certPem], requireTrustedSignature: true });
    expect(fails(verified)).toEqual([]);
    expect(verified.signatures).toEqual([expect.objectContaining({ option: 1, verdict: 'trusted', subject: 'CN=Positioning App Owner' })]);
  });

  it('a built EdgeGallery package with the AppD zipped and one placeholder digest: one failure, then valid with its AppD', async () => {
    const path = join(dir, 'placeholder.csar');
    writeFileSync(path, egPackage({ appd: { 'Definition/MainServiceTemplate.yaml': readFileSync(join(import.meta.dirname, '../examples/hello-mec/Definitions/hello-mec.yaml')) }, files: { 'Artifacts/a.txt': 'a', 'Artifacts/b.txt': 'b', 'Artifacts/c.txt': 'c' }, digest: 'placeholder' }));
    const before = await validatePackage(path);
    expect(fails(before)).toEqual([expect.objectContaining({ id: 'manifest.digest', file: 'app.mf', line: 9 })]);
    expect(fails(before)[0]?.message).toContain(`the same SHA-256 digest ${EG_PLACEHOLDER_DIGEST}, a placeholder (EdgeGallery does not check digests): 4 of the 4 files do not match it (APPD/MainServiceTemplate.zip, Artifacts/a.txt, Artifacts/b.txt, …)`);
    const out = join(dir, 'placeholder.rehashed.csar');
    await rehashPackage({ csar: path, out });
    const after = await validatePackage(out);
    expect(fails(after)).toEqual([]);
    expect(digestChecks(after).filter((c) => c.status === 'pass')).toHaveLength(4);
    expect(after.appd?.appName).toBe('hello-mec');
  });

  it('keeps per-file mismatches when the digests differ, and when only one Source is listed', async () => {
    const path = join(dir, 'real.csar');
    writeFileSync(path, egPackage({ appd: { 'Definition/MainServiceTemplate.yaml': 'x: 1' }, files: { 'Artifacts/a.txt': 'a', 'Artifacts/b.txt': 'b' } }));
    const entries = await entriesOf(path);
    entries.find((e) => e.name === 'Artifacts/b.txt')!.data = Buffer.from('B');
    writeFileSync(path, rawZip(entries));
    const tampered = await validatePackage(path);
    expect(digestChecks(tampered).filter((c) => c.status === 'fail').map((c) => c.message)).toEqual([expect.stringMatching(/^Artifacts\/b\.txt: SHA-256 digest mismatch/)]);
    expect(digestChecks(tampered).filter((c) => c.status === 'pass')).toHaveLength(2);

    const single = join(dir, 'single.csar');
    writeFileSync(single, rawZip([
      { name: 'TOSCA-Metadata/TOSCA.meta', data: Buffer.from('TOSCA-Meta-File-Version: 1.0\nCSAR-Version: 1.1\nEntry-Definitions: Definitions/app.yaml\nETSI-Entry-Manifest: app.mf\n') },
      { name: 'app.mf', data: Buffer.from(`metadata:\napp_product_name: x\n\nSource: Definitions/app.yaml\nAlgorithm: SHA-256\nHash: ${EG_PLACEHOLDER_DIGEST}\n`) },
      { name: 'Definitions/app.yaml', data: Buffer.from('tosca_definitions_version: tosca_simple_yaml_1_3\n') },
    ]));
    const report = await validatePackage(single);
    expect(digestChecks(report)).toEqual([expect.objectContaining({ status: 'fail', file: 'Definitions/app.yaml', message: expect.stringContaining('digest mismatch') })]);
  });

  it('adds missing digests, replaces refused algorithms and drops a stale manifest signature', async () => {
    const path = join(dir, 'mixed.csar');
    const yaml = Buffer.from('tosca_definitions_version: tosca_simple_yaml_1_3\n');
    writeFileSync(path, rawZip([
      { name: 'TOSCA-Metadata/TOSCA.meta', data: Buffer.from('TOSCA-Meta-File-Version: 1.0\nCSAR-Version: 1.1\nEntry-Definitions: Definitions/app.yaml\nETSI-Entry-Manifest: app.mf\n') },
      { name: 'app.mf', data: Buffer.from('metadata:\r\napp_product_name: x\r\n\r\nSource: Definitions/app.yaml\r\n\r\nSource: Artifacts/a.txt\r\nAlgorithm: SHA-1\r\nHash: 00\r\n\r\nSource: Artifacts/b.txt\r\nAlgorithm: SHA-512\r\nHash: 00\r\n') },
      { name: 'app.cms', data: Buffer.from('-----BEGIN CMS-----\nAAAA\n-----END CMS-----\n') },
      { name: 'Definitions/app.yaml', data: yaml },
      { name: 'Artifacts/a.txt', data: Buffer.from('a') },
      { name: 'Artifacts/b.txt', data: Buffer.from('b') },
    ]));
    const out = join(dir, 'mixed.rehashed.csar');
    const result = await rehashPackage({ csar: path, out });
    expect(result).toMatchObject({ sources: 3, droppedSignature: true });
    const text = await manifestOf(out, /\.mf$/);
    expect(text).toBe([
      'metadata:', 'app_product_name: x', '',
      'Source: Definitions/app.yaml', 'Algorithm: SHA-256', `Hash: ${createHashHex('sha256', yaml)}`, '',
      'Source: Artifacts/a.txt', 'Algorithm: SHA-256', `Hash: ${createHashHex('sha256', Buffer.from('a'))}`, '',
      'Source: Artifacts/b.txt', 'Algorithm: SHA-512', `Hash: ${createHashHex('sha512', Buffer.from('b'))}`, '',
    ].join('\r\n'));
    const report = await validatePackage(out);
    expect(digestChecks(report).map((c) => c.status)).toEqual(['pass', 'pass', 'pass']);
    expect(report.checks.some((c) => c.file === 'app.cms')).toBe(false);
  });

  it('refuses bad requests: overwriting the input without inPlace, a key without a certificate, a missing Source, a missing file', async () => {
    const copy = join(dir, 'refusals.csar');
    copyFileSync(SAMPLE_APP, copy);
    await expect(rehashPackage({ csar: copy, out: copy })).rejects.toThrow(/would overwrite .*in place/);
    await expect(rehashPackage({ csar: copy, out: join(dir, 'x.csar'), key: signer.keyPem })).rejects.toThrow('both a key and a certificate');
    await expect(rehashPackage({ csar: join(dir, 'nope.csar'), out: join(dir, 'x.csar') })).rejects.toMatchObject({ code: 'not-found' });
    const missing = join(dir, 'missing-source.csar');
    writeFileSync(missing, rawZip([
      { name: 'TOSCA-Metadata/TOSCA.meta', data: Buffer.from('TOSCA-Meta-File-Version: 1.0\nEntry-Definitions: app.yaml\nETSI-Entry-Manifest: app.mf\n') },
      { name: 'app.mf', data: Buffer.from('metadata:\napp_product_name: x\n\nSource: Artifacts/gone.tgz\nAlgorithm: SHA-256\nHash: 00\n') },
    ]));
    const error = await rehashPackage({ csar: missing, out: join(dir, 'y.csar') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain('not in the package: Artifacts/gone.tgz');
    expect(existsSync(join(dir, 'y.csar'))).toBe(false);
  });
});

describe('mecport-pkg rehash', () => {
  const run = promisify(execFile);
  const bin = join(import.meta.dirname, '../bin/mecport-pkg.mjs');

  // One CLI call loads the codec through tsx (seconds on a busy machine): a few per test, not all in one.
  function sampleCopy(name: string): string {
    const csar = join(dir, name);
    copyFileSync(SAMPLE_APP, csar);
    return csar;
  }

  it('is named by validate for a placeholder package and writes <name>.rehashed.csar, which validates', async () => {
    const csar = sampleCopy('cli-sample.csar');
    const refused = await run(process.execPath, [bin, 'validate', csar]).catch((e: { code: number; stdout: string }) => e);
    expect(refused).toMatchObject({ code: 1, stdout: expect.stringContaining(`fix        npx mecport-pkg rehash ${csar}`) });
    const plain = await run(process.execPath, [bin, 'rehash', csar]);
    expect(plain.stdout).toContain(`rehashed ${join(dir, 'cli-sample.rehashed.csar')}: 2 Source digests of positioning-service.mf written from the files (2 changed`);
    expect(fails(await validatePackage(join(dir, 'cli-sample.rehashed.csar')))).toEqual([]);
  });

  it('signs with --key/--cert', async () => {
    const csar = sampleCopy('cli-to-sign.csar');
    const keyPath = join(dir, 'owner.key.pem');
    const certPath = join(dir, 'owner.cert.pem');
    writeFileSync(keyPath, signer.keyPem);
    writeFileSync(certPath, signer.certPem);
    const signed = await run(process.execPath, [bin, 'rehash', csar, '-o', join(dir, 'cli-signed.csar'), '--key', keyPath, '--cert', certPath]);
    expect(signed.stdout).toContain('signed ');
    expect((await validatePackage(join(dir, 'cli-signed.csar'), { trust: [ca.certPem] })).signatures[0]?.verdict).toBe('trusted');
  });

  it('exits 2 on bad input and leaves the package as it was', async () => {
    const csar = sampleCopy('cli-bad-input.csar');
    const keyPath = join(dir, 'lone.key.pem');
    writeFileSync(keyPath, signer.keyPem);
    const usage = await run(process.execPath, [bin, 'rehash', csar, '--key', keyPath]).catch((e: { code: number; stderr: string }) => e);
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringContaining('--key and --cert together') });
    const absent = await run(process.execPath, [bin, 'rehash', join(dir, 'absent.csar')]).catch((e: { code: number; stderr: string }) => e);
    expect(absent).toMatchObject({ code: 2, stderr: expect.stringContaining('no package file at') });
    const overwrite = await run(process.execPath, [bin, 'rehash', csar, '-o', csar]).catch((e: { code: number; stderr: string }) => e);
    expect(overwrite).toMatchObject({ code: 2, stderr: expect.stringContaining('--in-place') });
    expect(readFileSync(csar).equals(readFileSync(SAMPLE_APP))).toBe(true);
  });

  it('rewrites the package in place only with --in-place', async () => {
    const csar = sampleCopy('cli-in-place.csar');
    await run(process.execPath, [bin, 'rehash', csar, '--in-place']);
    expect(readFileSync(csar).equals(readFileSync(SAMPLE_APP))).toBe(false);
    expect(fails(await validatePackage(csar))).toEqual([]);
  });
});

function createHashHex(algorithm: string, data: Buffer): string {
  return createHash(algorithm).update(data).digest('hex');
}
