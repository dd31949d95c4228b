import { randomUUID } from 'node:crypto';
import { ZCapabilityQuery, type TCapabilityQueryInput } from '@mecport/contracts';
import { getPrisma } from '@mecport/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordHeartbeat } from '../edge';
import { resolveActor, type TActor } from '../identity';
import { publishVersion, registerVersion } from '../store';
import { enrolNode, freshOperator, newNode } from '../testing/edge-fixtures';
import { freshIdentity } from '../testing/identities';
import { freshDeveloper, newApp, PASSING_REPORT, randomDigest, sampleAppd } from '../testing/store-fixtures';
import { capabilityId, curateCapability, getCapability, listCapabilities } from './index';

const ref = (kind: 'platform' | 'service', name: string) => ({ capabilityId: capabilityId(kind, name) });

const db = getPrisma();
/** Every serName of this file carries this tag, so other files' apps never show up in the searched pages. */
const tag = `t${randomUUID().slice(0, 8)}`;
const produced = `video-${tag}`;
const live = `live-${tag}`;
/** Generous: nodes stay online through the whole file however slow the machine. */
const OPTIONS = { offlineAfterSec: 3600 };
const METRICS = { cpuPercent: 1, memUsedBytes: 1, memTotalBytes: 2, diskUsedBytes: 1, diskTotalBytes: 2, load1: 0, load5: 0, load15: 0 };

let dev: TActor;
let stranger: TActor;
let storeAdmin: TActor;
const apps: Record<string, string> = {};
let nodeName = '';

const list = (caller: TActor, query: TCapabilityQueryInput) => listCapabilities(db, caller, ZCapabilityQuery.parse(query), OPTIONS);
const names = async (caller: TActor, query: TCapabilityQueryInput) => (await list(caller, { limit: 100, ...query })).items.map((c) => `${c.kind}/${c.name}`);
const curation = { featured: false, hidden: false, deprecated: false, descriptionEn: '', descriptionZh: '' };

async function publishedApp(name: string, services: Record<string, unknown>, publish = true) {
  const app = await newApp(db, dev, { name });
  const appd = { ...sampleAppd(name), appServiceRequired: [], appServiceOptional: [], appServiceProduced: [], ...services };
  const version = await registerVersion(db, dev, { appId: app.id, version: '1.0.0', digest: randomDigest(), size: 1, appd, architecture: 'x86_64', report: PASSING_REPORT });
  if (publish) await publishVersion(db, dev, app.id, version.id);
  apps[name] = app.id;
}

beforeAll(async () => {
  dev = await freshDeveloper(db);
  stranger = await freshDeveloper(db);
  storeAdmin = await resolveActor(db, freshIdentity({}, ['store-admin']));
  await publishedApp(`Producer ${tag}`, {
    appServiceProduced: [{ serName: produced, version: '1.2.0', serCategory: { href: '/video', id: 'video', name: `Video ${tag}`, version: '1' } }],
    appServiceRequired: [{ serName: 'Location', version: '2.2.1' }],
  });
  await publishedApp(`Consumer ${tag}`, {
    appServiceRequired: [{ serName: produced, version: '1.2.0' }],
    appServiceOptional: [{ serName: 'rnis', version: '2.1.1' }],
  });
  await publishedApp(`Draft ${tag}`, { appServiceProduced: [{ serName: `draft-${tag}`, version: '1.0.0' }] }, false);

  const operator = await freshOperator(db, dev.tenant.slug);
  const node = await newNode(db, operator);
  nodeName = node.name;
  const enrolled = await enrolNode(db, operator, node.id);
  await recordHeartbeat(db, { nodeId: enrolled.nodeId, tenantId: operator.tenant.id }, {
    agentVersion: 'test', appliedRevision: 0, metrics: METRICS, instances: [],
    services: [
      { serInstanceId: 'si-1', serName: live, appInstanceId: randomUUID(), state: 'ACTIVE', version: '3.0.0' },
      { serInstanceId: 'si-2', serName: produced, appInstanceId: randomUUID(), state: 'ACTIVE', version: '1.2.0' },
    ],
  });
});

describe('used by and provided by, from the AppDs of published apps', () => {
  it('names the producing app and the requiring one; a draft version counts for nothing', async () => {
    const detail = await getCapability(db, dev, ref('service', produced), OPTIONS);
    expect(detail.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(capabilityId('service', produced)).toBe(detail.id);
    expect(capabilityId('service', `${produced}x`)).not.toBe(detail.id);
    expect(detail.providedBy.map((a) => [a.appName, a.serVersion])).toEqual([[`Producer ${tag}`, '1.2.0']]);
    expect(detail.usedBy.map((a) => [a.appId, a.optional])).toEqual([[apps[`Consumer ${tag}`], false]]);
    expect(detail.category).toBe(`Video ${tag}`);
    expect(detail.versions).toEqual(['1.2.0']);
    expect(await names(dev, { q: tag })).not.toContain(`service/draft-${tag}`);
    await expect(getCapability(db, dev, ref('service', `draft-${tag}`), OPTIONS)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('counts an AppD\'s platform serNames (any case) as using the platform capability', async () => {
    const location = await getCapability(db, dev, ref('platform', 'location'), OPTIONS);
    expect(location.usedBy.filter((a) => a.appName.endsWith(tag)).map((a) => a.appName)).toEqual([`Producer ${tag}`]);
    expect(location.specs.map((s) => [s.id, s.version, s.basePath])).toEqual([['mec013-location', '2.2.1', '/location/v2']]);
    expect(location.emulated).toBe(true);
    const rnis = await getCapability(db, dev, ref('platform', 'rnis'), OPTIONS);
    expect(rnis.usedBy.find((a) => a.appName === `Consumer ${tag}`)?.optional).toBe(true);
    const ueIdentity = await getCapability(db, dev, ref('platform', 'ue-identity'), OPTIONS);
    expect(ueIdentity.emulated).toBe(false);
  });
});

describe('live providers, from node reports', () => {
  it('lists a service only agents report, with the node, to the node\'s tenant only', async () => {
    const found = (await list(dev, { q: live })).items;
    expect(found.map((c) => [c.name, c.liveNodes, c.producers, c.versions])).toEqual([[live, 1, 0, ['3.0.0']]]);
    const detail = await getCapability(db, dev, ref('service', produced), OPTIONS);
    expect(detail.liveProviders.map((p) => [p.nodeName, p.serInstanceId, p.state])).toEqual([[nodeName, 'si-2', 'ACTIVE']]);

    expect(await names(stranger, { q: live })).toEqual([]);
    const elsewhere = await getCapability(db, stranger, ref('service', produced), OPTIONS);
    expect(elsewhere.liveProviders).toEqual([]);
    expect(elsewhere.providedBy).toHaveLength(1);
  });

  it('forgets a node once it stops reporting', async () => {
    const node = await db.edgeNode.findFirstOrThrow({ where: { name: nodeName } });
    await db.edgeNode.update({ where: { id: node.id }, data: { lastHeartbeatAt: new Date(Date.now() - 10 * 60_000) } });
    try {
      expect(await names(dev, { q: live })).toEqual([`service/${live}`]);
      expect((await listCapabilities(db, dev, ZCapabilityQuery.parse({ q: live }), { offlineAfterSec: 60 })).items).toEqual([]);
      expect((await getCapability(db, dev, ref('service', produced), { offlineAfterSec: 60 })).liveProviders).toEqual([]);
    } finally {
      await db.edgeNode.update({ where: { id: node.id }, data: { lastHeartbeatAt: new Date() } });
    }
  });
});

describe('search, categories and pages', () => {
  it('finds by serName, by category, and by kind', async () => {
    expect(await names(dev, { q: `video ${tag}` })).toEqual([`service/${produced}`]);
    expect(await names(dev, { category: `video ${tag}` })).toEqual([`service/${produced}`]);
    expect(await names(dev, { kind: 'platform' })).toEqual(['platform/bwm', 'platform/location', 'platform/mp1', 'platform/rnis', 'platform/ue-identity']);
    expect(await names(dev, { q: 'MEC 013' })).toContain('platform/location');
    expect(await names(dev, { q: '位置服务' })).toEqual(['platform/location']);
    const page = await list(dev, { q: tag });
    expect(page.categories).toEqual(expect.arrayContaining([{ category: `Video ${tag}`, count: 1 }]));
  });

  it('walks every page once in order', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(dev, { kind: 'platform', limit: 2, cursor });
      seen.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['bwm', 'location', 'mp1', 'rnis', 'ue-identity']);
    await expect(list(dev, { cursor: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({ code: 'validation' });
  });
});

describe('curation by store admins', () => {
  it('features and describes a capability in both languages; everyone sees it, audited', async () => {
    const saved = await curateCapability(db, storeAdmin, ref('service', produced), { ...curation, featured: true, descriptionEn: `Video analytics ${tag}`, descriptionZh: `视频分析 ${tag}` }, OPTIONS);
    expect(saved.updatedBy).toBe(storeAdmin.name);
    const seen = (await list(dev, { q: `视频分析 ${tag}` })).items;
    expect(seen.map((c) => [c.name, c.featured, c.description, c.descriptionZh])).toEqual([[produced, true, `Video analytics ${tag}`, `视频分析 ${tag}`]]);
    expect((await list(dev, { limit: 1 })).items[0]?.featured).toBe(true);
    const audit = await db.auditEvent.findFirst({ where: { actorSubject: storeAdmin.subject, action: 'capability.curate' } });
    expect(audit?.targetId).toBe(capabilityId('service', produced));
    expect(audit?.data).toMatchObject({ kind: 'service', name: produced, featured: true });
  });

  it('hides a capability from everyone but curators; a service only nodes report is curated from their tenant', async () => {
    const admin = await resolveActor(db, freshIdentity({ tenant: dev.tenant.slug }, ['store-admin']));
    await expect(curateCapability(db, storeAdmin, ref('service', live), { ...curation, hidden: true }, OPTIONS)).rejects.toMatchObject({ code: 'not-found' });
    await curateCapability(db, admin, ref('service', live), { ...curation, hidden: true }, OPTIONS);
    expect(await names(dev, { q: live })).toEqual([]);
    await expect(getCapability(db, dev, ref('service', live), OPTIONS)).rejects.toMatchObject({ code: 'not-found' });
    expect((await list(admin, { q: live })).items.map((c) => [c.name, c.hidden])).toEqual([[live, true]]);
    expect((await getCapability(db, admin, ref('service', live), OPTIONS)).curation.hidden).toBe(true);
    await curateCapability(db, admin, ref('service', live), curation, OPTIONS);
    expect(await names(dev, { q: live })).toEqual([`service/${live}`]);
  });

  it('marks a platform capability deprecated, and refuses to curate what does not exist', async () => {
    await curateCapability(db, storeAdmin, ref('platform', 'bwm'), { ...curation, deprecated: true }, OPTIONS);
    expect((await getCapability(db, dev, ref('platform', 'bwm'), OPTIONS)).deprecated).toBe(true);
    await curateCapability(db, storeAdmin, ref('platform', 'bwm'), curation, OPTIONS);
    await expect(curateCapability(db, storeAdmin, ref('service', `nothing-${tag}`), curation, OPTIONS)).rejects.toMatchObject({ code: 'not-found' });
    await expect(curateCapability(db, storeAdmin, ref('platform', 'nope'), curation, OPTIONS)).rejects.toMatchObject({ code: 'not-found' });
  });
});
