import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage, signPackage, validatePackage, ZAppD, type TProgress, type TValidationReport } from './index';
import { makeCertificate, type TTestCertificate } from './testing/certs';
import { rawZip } from './testing/raw-zip';
import { entriesOf } from './testing/zip-entries';

const EXAMPLE = join(import.meta.dirname, '../examples/hello-mec');
const fails = (r: TValidationReport) => r.checks.filter((c) => c.status === 'fail');
const notPassed = (r: TValidationReport) => r.checks.filter((c) => c.status !== 'pass');
let dir: string;
let built: string;
let ca: TTestCertificate;
let signer: TTestCertificate;


beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'app-package-test-'));
  built = join(dir, 'hello.csar');
  await buildPackage({ dir: EXAMPLE, out: built, releaseDate: new Date('2026-01-01T00:00:00Z') });
  ca = makeCertificate({ commonName: 'MECport Test CA', ca: true });
  signer = makeCertificate({ commonName: 'ACME Edge Apps', organization: 'ACME', issuer: ca, keyType: 'rsa' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('buildPackage', () => {
  it('makes a MEC 037 package that validates clean, with the AppD projected and progress reported', async () => {
    const progress: TProgress[] = [];
    const report = await validatePackage(built, {}, (p) => progress.push(p));
    // hello-mec carries only a Helm chart: valid, with the one warning that its deployment will be refused.
    expect(notPassed(report)).toEqual([expect.objectContaining({ id: 'workload.helm', status: 'warn', file: 'Artifacts/Deployment/Charts/hello-mec.tgz' })]);
    expect(report.variant).toBe('mec037');
    expect(report.toscaMeta).toMatchObject({ 'Entry-Definitions': 'Definitions/hello-mec.yaml', 'ETSI-Entry-Manifest': 'hello-mec.mf', 'ETSI-Entry-Change-Log': 'Artifacts/ChangeLog.txt' });
    expect(report.metadata).toMatchObject({ vnfd_id: '6f1c1d8e-5c2a-4b4f-9f3e-2a6d1c0b7e11', vnf_release_date_time: '2026-01-01T00:00:00Z', mec_versions: '3.2.1', vnfm_info: 'etsivnfm:v2.3.1' });
    expect(ZAppD.parse(report.appd)).toEqual(report.appd);
    expect(report.appd).toMatchObject({
      appName: 'hello-mec', appProvider: 'MECport Demo', appSoftVersion: '1.0.0', appDVersion: '1.0', mecVersion: ['3.2.1'], appInfoName: 'Hello MEC',
      appServiceRequired: [{ serName: 'rnis', version: '2.1.1', requestedPermissions: [{ id: 'read' }] }],
      appServiceProduced: [{ serName: 'greeting', transportsSupported: [{ transport: { type: 'REST_HTTP', security: { oAuth2Info: { grantTypes: ['OAUTH2_CLIENT_CREDENTIALS'] } } }, serializers: ['JSON'] }] }],
      appFeatureRequired: [{ featureName: 'UserApps', version: '1.0' }],
      appTrafficRule: [{ trafficRuleId: 'tr-hello-1', filterType: 'FLOW', priority: 1, action: 'FORWARD_DECAPSULATED', trafficFilter: [{ dstPort: ['8080'] }], dstInterface: [{ interfaceType: 'TUNNEL', tunnelInfo: { tunnelType: 'GTP-U' } }] }],
      appDNSRule: [{ dnsRuleId: 'dns-hello-1', domainName: 'hello.mec.example', ipAddressType: 'IP_V4', ipAddress: '10.10.0.10', ttl: 300 }],
      appLatency: { maxLatency: 20000000 },
      virtualComputeDescriptor: { virtualComputeDescId: 'hello_vdu', virtualCpu: { numVirtualCpu: 2, cpuArchitecture: 'x86_64' } },
      swImageDescriptor: { id: 'sw_image', name: 'hello-mec', version: '1.0.0', containerFormat: 'bare', swImage: 'Artifacts/Deployment/Charts/hello-mec.tgz' },
    });
    expect(report.appd?.virtualComputeDescriptor?.virtualMemory.virtualMemSize).toBeCloseTo(2147.48, 1);
    expect(report.architectures).toEqual(['x86_64']);
    const last = progress.at(-1)!;
    expect(last.bytesDone).toBe(last.bytesTotal);
    expect(last.bytesDone).toBeGreaterThan(report.size);
  });

  it('is reproducible for a fixed release date', async () => {
    const again = join(dir, 'again.csar');
    const a = await buildPackage({ dir: EXAMPLE, out: again, releaseDate: new Date('2026-01-01T00:00:00Z') });
    expect(a.sha256).toBe((await validatePackage(built)).sha256);
  });

  it('fails the digest check of an altered artefact and names the file and manifest line', async () => {
    const entries = await entriesOf(built);
    const target = entries.find((e) => e.name === 'Artifacts/ChangeLog.txt')!;
    target.data = Buffer.from(target.data);
    target.data[0] = target.data[0]! ^ 1;
    const tampered = join(dir, 'tampered.csar');
    writeFileSync(tampered, rawZip(entries.map((e) => ({ name: e.name, data: e.data, method: 8 }))));
    const report = await validatePackage(tampered);
    expect(fails(report)).toHaveLength(1);
    expect(fails(report)[0]).toMatchObject({ id: 'manifest.digest', file: 'Artifacts/ChangeLog.txt' });
    expect(fails(report)[0]?.message).toMatch(/^Artifacts\/ChangeLog\.txt: SHA-256 digest mismatch \(hello-mec\.mf line \d+ declares/);
  });

  it('reports a Source that is missing from the package', async () => {
    const entries = (await entriesOf(built)).filter((e) => e.name !== 'Licenses/LICENSE.txt');
    const path = join(dir, 'missing.csar');
    writeFileSync(path, rawZip(entries.map((e) => ({ name: e.name, data: e.data }))));
    const report = await validatePackage(path);
    expect(fails(report).map((c) => [c.id, c.file])).toEqual([['manifest.source-missing', 'Licenses/LICENSE.txt']]);
    expect(fails(report)[0]?.message).toMatch(/hello-mec\.mf line \d+/);
  });
});

describe('signPackage', () => {
  it('option 1 + 2 by a CA in the trust store: both trusted', async () => {
    const out = join(dir, 'hello.signed.zip');
    const result = await signPackage({ csar: built, out, key: signer.keyPem, cert: signer.certPem, chain: ca.certPem });
    expect(result.subject).toBe('CN=ACME Edge Apps, O=ACME');
    const report = await validatePackage(out, { trust: [ca.certPem], requireSignature: true, requireTrustedSignature: true });
    expect(fails(report)).toEqual([]);
    expect(report.signatures.map((s) => [s.option, s.verdict])).toEqual([[1, 'trusted'], [2, 'trusted']]);
    expect(report.signature).toBe('signed by CN=ACME Edge Apps, O=ACME: trusted; signed by CN=ACME Edge Apps, O=ACME: trusted');
    expect(report.checks.find((c) => c.id === 'layout.signed-csar')?.status).toBe('pass');
    expect(report.appd?.appName).toBe('hello-mec');
  });

  it('a signature by an unknown CA is untrusted', async () => {
    const out = join(dir, 'hello.m.csar');
    await signPackage({ csar: built, out, mode: 'manifest', key: signer.keyPem, cert: signer.certPem });
    const other = makeCertificate({ commonName: 'Some Other CA', ca: true });
    const report = await validatePackage(out, { trust: [other.certPem] });
    expect(report.ok).toBe(true);
    expect(report.signatures).toMatchObject([{ option: 1, verdict: 'untrusted', subject: 'CN=ACME Edge Apps, O=ACME' }]);
    expect(report.signature).toMatch(/^signed by CN=ACME Edge Apps, O=ACME: untrusted \(no chain from .* to a trusted CA\)$/);
    expect(report.checks.find((c) => c.id === 'signature.trust')?.status).toBe('warn');
  });

  it('a tampered manifest signature is invalid', async () => {
    const signed = join(dir, 'hello.m2.csar');
    await signPackage({ csar: built, out: signed, mode: 'manifest', key: signer.keyPem, cert: signer.certPem, chain: ca.certPem });
    const entries = await entriesOf(signed);
    const mf = entries.find((e) => e.name === 'hello-mec.mf')!;
    const text = mf.data.toString('utf8');
    // Flip one base64 character near the end of the CMS block (inside the signature value).
    const at = text.lastIndexOf('-----END CMS-----') - 10;
    mf.data = Buffer.from(text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1));
    const path = join(dir, 'bad-sig.csar');
    writeFileSync(path, rawZip(entries.map((e) => ({ name: e.name, data: e.data }))));
    const report = await validatePackage(path, { trust: [ca.certPem] });
    expect(report.signatures[0]?.verdict).toBe('invalid');
    expect(report.signature).toMatch(/: invalid \(/);
    expect(fails(report).map((c) => c.id)).toEqual(['signature.manifest']);

    // Editing the signed manifest text (not the signature) is caught too.
    const edited = entries.map((e) => (e.name === 'hello-mec.mf' ? { ...e, data: Buffer.from(text.replace('vnf_provider_id: MECport Demo', 'vnf_provider_id: Evil Corp')) } : e));
    const path2 = join(dir, 'edited.csar');
    writeFileSync(path2, rawZip(edited.map((e) => ({ name: e.name, data: e.data }))));
    const report2 = await validatePackage(path2, { trust: [ca.certPem] });
    expect(report2.signatures[0]).toMatchObject({ verdict: 'invalid', reason: 'the signed digest does not match the content (content altered)' });
  });

  it('option 2 with .cms/.cert beside the CSAR, and a CSAR altered after signing', async () => {
    const out = join(dir, 'beside.csar');
    const result = await signPackage({ csar: built, out, mode: 'csar', layout: 'beside', key: signer.keyPem, cert: signer.certPem, chain: ca.certPem });
    expect(result.beside).toEqual({ cms: join(dir, 'beside.cms'), cert: join(dir, 'beside.cert') });
    const good = await validatePackage(out, { trust: [ca.certPem] });
    expect(good.signatures).toMatchObject([{ option: 2, verdict: 'trusted', file: join(dir, 'beside.cms') }]);
    expect(fails(good)).toEqual([]);

    const bytes = readFileSync(out);
    bytes[bytes.length - 30] = bytes[bytes.length - 30]! ^ 0xff; // inside the central directory comment area / record
    const altered = join(dir, 'altered.csar');
    writeFileSync(altered, bytes);
    cpSync(join(dir, 'beside.cms'), join(dir, 'altered.cms'));
    const bad = await validatePackage(altered, { trust: [ca.certPem] });
    expect(bad.signatures.find((s) => s.option === 2)?.verdict).toBe('invalid');
  });

  it('an unsigned package fails when signatures are required', async () => {
    const report = await validatePackage(built, { requireSignature: true });
    expect(fails(report).map((c) => c.id)).toEqual(['security.integrity']);
  });
});

describe('mecport-pkg CLI', () => {
  const run = promisify(execFile);
  const bin = join(import.meta.dirname, '../bin/mecport-pkg.mjs');

  it('builds, signs and validates', async () => {
    const keyPath = join(dir, 'k.pem');
    const certPath = join(dir, 'c.pem');
    const caPath = join(dir, 'ca.pem');
    writeFileSync(keyPath, signer.keyPem);
    writeFileSync(certPath, signer.certPem);
    writeFileSync(caPath, ca.certPem);
    const csar = join(dir, 'cli.csar');
    const build = await run(process.execPath, [bin, 'build', EXAMPLE, '-o', csar]);
    expect(build.stdout).toContain('built ');
    const sign = await run(process.execPath, [bin, 'sign', csar, '--key', keyPath, '--cert', certPath, '--chain', caPath]);
    expect(sign.stdout).toContain(join(dir, 'cli.signed.zip'));
    const validate = await run(process.execPath, [bin, 'validate', join(dir, 'cli.signed.zip'), '--trust', caPath]);
    expect(validate.stdout).toContain('signature  signed by CN=ACME Edge Apps, O=ACME: trusted');
    expect(validate.stdout).toMatch(/result {5}valid: \d+ pass, 1 warn, 0 fail/); // workload.helm: hello-mec carries only a Helm chart
    expect(validate.stdout).toMatch(/WARN {2}workload\.helm/);
    const refused = await run(process.execPath, [bin, 'validate', join(import.meta.dirname, '../test-data/edgegallery/ARNoMfTosca.csar')]).catch((e: { code: number; stdout: string }) => e);
    expect((refused as { code: number }).code).toBe(1);
    expect((refused as { stdout: string }).stdout).toContain('FAIL  layout.tosca-metadata');
  });
});
