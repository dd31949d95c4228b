import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertNoFailure, PackageRefusedError, validatePackage, type TValidationReport } from './index';
import { DEFAULT_LIMITS } from './limits';
import { CheckList } from './report';
import { parseCms, pemOrDer } from './security/cms';
import { SafeZip } from './zip/safe-zip';

const SAMPLES = join(import.meta.dirname, '../test-data/edgegallery');
const sample = (name: string) => join(SAMPLES, name);
const fails = (r: TValidationReport) => r.checks.filter((c) => c.status === 'fail');
const warned = (r: TValidationReport, id: string) => r.checks.filter((c) => c.status === 'warn' && c.id === id);

describe('EdgeGallery samples', () => {
  it('face_recognition1.4.csar validates with warnings for its legacy keys and its top folder', async () => {
    const report = await validatePackage(sample('face_recognition1.4.csar'));
    expect(fails(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.variant).toBe('edgegallery');
    expect(report.prefix).toBe('face_reconigition_app/');
    expect(warned(report, 'layout.top-folder')).toHaveLength(1);
    const legacy = warned(report, 'manifest.legacy-key').map((c) => c.message);
    for (const key of ['app_name', 'app_provider', 'app_archive_version', 'app_release_date_time']) expect(legacy.some((m) => m.startsWith(`${key} `))).toBe(true);
    expect(warned(report, 'manifest.legacy-key')[0]).toMatchObject({ file: 'MainServiceTemplate.mf', line: 2 });
    expect(report.appd).toMatchObject({ appDId: 'b1bb0ce7-ebca-4fa7-95ed-4840d70a1177', appName: 'face_recognition', appProvider: 'Huawei', appSoftVersion: '1.0', appDVersion: '1.0' });
    expect(report.appd?.virtualComputeDescriptor?.virtualMemory.virtualMemSize).toBe(8096);
    expect(report.architectures).toEqual(['x86']);
    expect(report.signature).toBe('unsigned');
    expect(warned(report, 'security.integrity')).toHaveLength(1);
    expect(report.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.size).toBe(readFileSync(sample('face_recognition1.4.csar')).length);
  });

  it('test2048_1.0.csar: zipped AppD, CMS-signed manifest verified but untrusted', async () => {
    const report = await validatePackage(sample('test2048_1.0.csar'));
    expect(fails(report)).toEqual([]);
    expect(report.checks.filter((c) => c.id === 'manifest.digest').every((c) => c.status === 'pass')).toBe(true);
    expect(warned(report, 'appd.zipped')).toHaveLength(1);
    expect(warned(report, 'manifest.legacy-key').map((c) => c.message.split(' ')[0])).toEqual(['app_product_name', 'app_provider_id', 'app_package_version', 'app_release_data_time', 'app_type', 'app_class', 'app_package_description']);
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({ option: 1, verdict: 'untrusted', subject: 'CN=edgegallery.org, O=edgegallery, L=Biejing, ST=Beijing, C=CN' });
    expect(report.signature).toMatch(/^signed by CN=edgegallery\.org, .*: untrusted/);
    expect(warned(report, 'signature.scope')[0]?.message).toContain('Source entries only');
    expect(report.appd?.appDId).toBe('EdgeGallery-positioning-service');
    expect(report.architectures).toEqual(['X86']);
  });

  it('test2048_1.0.csar: trusting EdgeGallery\'s self-signed certificate makes it trusted while the certificate was valid', async () => {
    const checks = new CheckList();
    const zip = (await SafeZip.open({ path: sample('test2048_1.0.csar') }, DEFAULT_LIMITS, checks))!;
    const text = (await zip.read(zip.file('test2048.mf')!, 1 << 20)).toString('utf8');
    zip.close();
    const cms = parseCms(pemOrDer(text.slice(text.indexOf('-----BEGIN CMS-----'), text.indexOf('-----END CMS-----') + 17)));
    const trust = [cms.certificates[0]!.toString()];
    const then = await validatePackage(sample('test2048_1.0.csar'), { trust, now: new Date('2022-06-01') });
    expect(then.signatures[0]?.verdict).toBe('trusted');
    const now = await validatePackage(sample('test2048_1.0.csar'), { trust });
    expect(now.signatures[0]?.verdict).toBe('untrusted');
    expect(now.signatures[0]?.reason).toContain('outside its validity');
    const strict = await validatePackage(sample('test2048_1.0.csar'), { trust, requireTrustedSignature: true });
    expect(fails(strict).map((c) => c.id)).toEqual(['signature.trust']);
  });

  it('sampleapp.csar: its manifest digests are one copy-pasted placeholder, reported in one failure that names the fix, the only failure', async () => {
    const report = await validatePackage(sample('sampleapp.csar'));
    expect(fails(report).map((c) => `${c.id} ${c.file}:${c.line}`)).toEqual(['manifest.digest positioning-service.mf:8']);
    const message = fails(report)[0]!.message;
    expect(message).toMatch(/^every Source of positioning-service\.mf carries the same SHA-256 digest c21317143c6c2618e61afc8e1e599b32a470705cdcc979c9c9b69f5f00017930, a placeholder/);
    expect(message).toContain('2 of the 2 files do not match it (APPD/Definition/MainServiceTemplate.yaml, Artifacts/Deployment/Charts/positioning-service.tgz)');
    expect(message).toContain('`npx mecport-pkg rehash <package.csar>`');
    expect(warned(report, 'manifest.legacy-key').length).toBeGreaterThanOrEqual(5);
    expect(report.appd?.appTrafficRule?.[0]).toMatchObject({ trafficRuleId: 'trafficRule1', action: 'PASSTHROUGH', dstInterface: [{ interfaceType: 'TUNNEL', tunnelInfo: { tunnelType: 'GTP-U' } }] });
    expect(report.appd?.appDNSRule).toEqual([{ dnsRuleId: 'dnsRule1', domainName: 'positioningservice.org', ipAddressType: 'IP_V4', ipAddress: '0.0.0.0', ttl: 100 }]);
  });

  it('ARNoMfTosca.csar is refused, naming the missing TOSCA.meta and manifest', async () => {
    const report = await validatePackage(sample('ARNoMfTosca.csar'));
    expect(report.ok).toBe(false);
    expect(report.variant).toBe('unknown');
    const [layout, manifest] = fails(report);
    expect(layout).toMatchObject({ id: 'layout.tosca-metadata', file: 'TOSCA-Metadata/TOSCA.meta' });
    expect(layout?.message).toContain('TOSCA-Metadata/TOSCA.meta is missing');
    expect(layout?.message).toContain('APPD/TOSCA_VNFD.meta');
    expect(manifest?.id).toBe('manifest.present');
    expect(manifest?.message).toContain('no manifest (.mf)');
    expect(() => assertNoFailure(report.checks)).toThrow(PackageRefusedError);
    try { assertNoFailure(report.checks); } catch (error) {
      expect((error as PackageRefusedError).checkId).toBe('layout.tosca-metadata');
      expect((error as PackageRefusedError).code).toBe('validation');
    }
  });
});
