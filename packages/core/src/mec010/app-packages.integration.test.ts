import { randomUUID } from 'node:crypto';
import { getPrisma } from '@mecport/db';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '../identity';
import { deprecateVersion } from '../store';
import { freshDeveloper, newApp, newVersion } from '../testing/store-fixtures';
import { findPublishedPackage, getAppPackage, getAppPackageAppd, listAppPackages } from './app-packages';

const prisma = getPrisma();
const BASE = 'https://portal.example/app_pkgm/v1';
/** Every app of this file carries this provider, so the filtered lists see only them. */
const provider = `Mec010 Provider ${randomUUID().slice(0, 8)}`;
const list = (query: Record<string, string> = {}) => listAppPackages(prisma, { baseUrl: BASE, query: { ...query, filter: `(eq,appProvider,${provider})${query.filter ? `;${query.filter}` : ''}` } });

let dev: TActor;
const v: Record<string, { id: string; packageDigest: string; appId: string }> = {};

beforeAll(async () => {
  dev = await freshDeveloper(prisma);
  const video = await newApp(prisma, dev, { name: 'Mec010 Video', provider });
  v.video = { ...(await newVersion(prisma, dev, video.id, { version: '1.0.0', publish: true })), appId: video.id };
  v.videoDraft = { ...(await newVersion(prisma, dev, video.id, { version: '1.1.0' })), appId: video.id };
  const arm = await newApp(prisma, dev, { name: 'Mec010 Arm', provider });
  v.arm = { ...(await newVersion(prisma, dev, arm.id, { version: '2.0.0', architecture: 'aarch64', publish: true })), appId: arm.id };
  v.old = { ...(await newVersion(prisma, dev, arm.id, { version: '1.0.0', architecture: 'aarch64', publish: true })), appId: arm.id };
  await deprecateVersion(prisma, dev, arm.id, v.old.id);
  // The fixture AppD carries the store's provider; give this one the test's provider (filters read the AppD).
  for (const key of ['video', 'videoDraft', 'arm', 'old'] as const) {
    const row = await prisma.appVersion.findUniqueOrThrow({ where: { id: v[key]!.id } });
    await prisma.appVersion.update({
      where: { id: row.id },
      data: {
        appd: {
          ...(row.appd as object), appProvider: provider, appName: key === 'video' || key === 'videoDraft' ? 'Mec010 Video' : 'Mec010 Arm',
          swImageDescriptor: { id: `${key}-img`, name: `${key}.qcow2`, version: '9.9', checksum: { algorithm: 'SHA-256', hash: 'ab'.repeat(32) }, containerFormat: 'bare', diskFormat: 'qcow2', minDisk: 10, swImage: `Artifacts/Images/${key}.qcow2` },
        },
      },
    });
  }
});

describe('AppPkgInfo from a published version', () => {
  it('maps the AppD, digest, states and absolute links in the spec\'s names', async () => {
    const info = await getAppPackage(prisma, v.video!.id, BASE);
    const row = await prisma.appVersion.findUniqueOrThrow({ where: { id: v.video!.id } });
    const appd = row.appd as Record<string, string>;
    expect(info).toEqual({
      id: v.video!.id, appDId: appd.appDId, appProvider: provider, appName: 'Mec010 Video', appSoftwareVersion: '1.0.0', appDVersion: '1.0.0',
      checksum: { algorithm: 'SHA-256', hash: v.video!.packageDigest },
      softwareImages: [{ id: 'video-img', name: 'video.qcow2', provider, version: '9.9', checksum: { algorithm: 'SHA-256', hash: 'ab'.repeat(32) }, containerFormat: 'bare', diskFormat: 'qcow2', minDisk: 10, imagePath: 'Artifacts/Images/video.qcow2' }],
      onboardingState: 'ONBOARDED', operationalState: 'ENABLED', usageState: 'NOT_IN_USE',
      userDefinedData: { storeAppId: v.video!.appId, architecture: 'x86_64', certified: false, packageSize: 1024, publishedAt: row.publishedAt!.toISOString() },
      _links: {
        self: { href: `${BASE}/app_packages/${v.video!.id}` }, appD: { href: `${BASE}/app_packages/${v.video!.id}/appd` },
        appPkgContent: { href: `${BASE}/app_packages/${v.video!.id}/package_content` },
      },
    });
  });

  it('lists only published versions, newest first; drafts and deprecated ones answer 404', async () => {
    expect((await list()).map((i) => i.id)).toEqual([v.arm!.id, v.video!.id]);
    await expect(getAppPackage(prisma, v.videoDraft!.id, BASE)).rejects.toMatchObject({ code: 'not-found' });
    await expect(getAppPackage(prisma, v.old!.id, BASE)).rejects.toMatchObject({ code: 'not-found' });
    await expect(findPublishedPackage(prisma, randomUUID())).rejects.toMatchObject({ code: 'not-found' });
  });

  it('answers the stored AppD projection', async () => {
    const appd = await getAppPackageAppd(prisma, v.arm!.id);
    expect(appd).toMatchObject({ appName: 'Mec010 Arm', appProvider: provider, mecVersion: ['2.1.1'], appDNSRule: [expect.objectContaining({ dnsRuleId: 'dns-1' })] });
    await expect(getAppPackageAppd(prisma, v.old!.id)).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('filters and attribute selectors', () => {
  it('filters with eq, neq, in, cont and nested attributes, all expressions applying', async () => {
    expect((await list({ filter: '(eq,appName,Mec010 Video)' })).map((i) => i.id)).toEqual([v.video!.id]);
    expect((await list({ filter: '(neq,appName,Mec010 Video)' })).map((i) => i.id)).toEqual([v.arm!.id]);
    expect((await list({ filter: '(eq,userDefinedData/architecture,aarch64)' })).map((i) => i.id)).toEqual([v.arm!.id]);
    expect((await list({ filter: `(in,id,${v.video!.id},${randomUUID()})` })).map((i) => i.id)).toEqual([v.video!.id]);
    expect((await list({ filter: "(cont,appName,'Arm')" })).map((i) => i.id)).toEqual([v.arm!.id]);
    expect(await list({ filter: '(eq,appName,Mec010 Video);(eq,userDefinedData/architecture,aarch64)' })).toEqual([]);
    expect((await list({ filter: '(eq,operationalState,ENABLED)' })).length).toBe(2);
  });

  it('reads quoted values with commas and doubled quotes', async () => {
    expect(await list({ filter: "(eq,appName,'Mec010, ''Video''')" })).toEqual([]);
    expect((await list({ filter: `(eq,checksum/hash,'${v.arm!.packageDigest}')` })).map((i) => i.id)).toEqual([v.arm!.id]);
  });

  it('refuses unsupported filters with a 400 naming the filter parameter', async () => {
    for (const filter of ['(gt,appName,a)', '(eq,softwareImages,a)', '(eq,appName)', 'appName=x', '(eq,appName,a', '(eq,appName,a)x', '(eq,appName,a,b)']) {
      await expect(list({ filter }), filter).rejects.toMatchObject({ code: 'validation', errors: [expect.objectContaining({ in: 'query', field: 'filter' })] });
    }
  });

  it('selects optional complex attributes with all_fields, fields, exclude_fields and exclude_default', async () => {
    const [full] = await list({ filter: '(eq,appName,Mec010 Video)' });
    expect(full).toHaveProperty('userDefinedData');
    const [excluded] = await list({ filter: '(eq,appName,Mec010 Video)', exclude_default: '' });
    expect(excluded).not.toHaveProperty('userDefinedData');
    expect(excluded).toHaveProperty('softwareImages');
    expect(excluded).toHaveProperty('checksum');
    expect((await list({ filter: '(eq,appName,Mec010 Video)', exclude_default: '', fields: 'userDefinedData' }))[0]).toHaveProperty('userDefinedData');
    expect((await list({ filter: '(eq,appName,Mec010 Video)', exclude_fields: 'userDefinedData' }))[0]).not.toHaveProperty('userDefinedData');
    expect((await list({ filter: '(eq,appName,Mec010 Video)', all_fields: '' }))[0]).toEqual(full);
    await expect(list({ all_fields: '', fields: 'userDefinedData' })).rejects.toMatchObject({ errors: [expect.objectContaining({ field: 'all_fields' })] });
    await expect(list({ exclude_fields: 'checksum' })).rejects.toMatchObject({ errors: [expect.objectContaining({ field: 'exclude_fields' })] });
    await expect(list({ fields: 'nope' })).rejects.toMatchObject({ errors: [expect.objectContaining({ field: 'fields' })] });
  });
});
