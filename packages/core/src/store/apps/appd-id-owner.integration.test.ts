/** An appDId belongs to the first app that publishes it; no other app, in any tenant, gets it after. */
import { getPrisma } from '@mecport/db';
import { describe, expect, it } from 'vitest';
import { getStoreApp } from '../catalog/store-app-detail';
import { APPD_ID_TAKEN } from './appd-id-owner';
import { publishVersion } from './publish-version';
import { registerVersion } from './register-version';
import { PASSING_REPORT, freshDeveloper, newApp, randomDigest, sampleAppd } from '../../testing/store-fixtures';
import type { TActor } from '../../identity';

const prisma = getPrisma();

const register = (actor: TActor, appId: string, appd: ReturnType<typeof sampleAppd>, version = '1.0.0') =>
  registerVersion(prisma, actor, { appId, version, digest: randomDigest(), size: 10, appd, architecture: 'x86_64', report: PASSING_REPORT });

describe('appDId ownership', () => {
  it('refuses another app\'s package with a published appDId, in another tenant and in the same one; the owner keeps using it', async () => {
    const owner = await freshDeveloper(prisma);
    const ownerApp = await newApp(prisma, owner);
    const appd = sampleAppd('hello');
    await publishVersion(prisma, owner, ownerApp.id, (await register(owner, ownerApp.id, appd)).id);

    const stranger = await freshDeveloper(prisma);
    const strangerApp = await newApp(prisma, stranger, { provider: appd.appProvider });
    await expect(register(stranger, strangerApp.id, appd)).rejects.toMatchObject({ code: 'conflict', extensions: { reason: APPD_ID_TAKEN, appDId: appd.appDId } });
    const sibling = await newApp(prisma, owner);
    await expect(register(owner, sibling.id, appd)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('belongs to another app') });

    const next = await register(owner, ownerApp.id, { ...appd, appSoftVersion: '2.0.0' }, '2.0.0');
    await publishVersion(prisma, owner, ownerApp.id, next.id);
    expect(await prisma.appVersion.groupBy({ by: ['appId'], where: { appdId: appd.appDId } })).toEqual([{ appId: ownerApp.id }]);
  });

  it('lets only the first of two apps publishing the same new appDId at once have it', async () => {
    const a = await freshDeveloper(prisma);
    const b = await freshDeveloper(prisma);
    const [appA, appB] = [await newApp(prisma, a), await newApp(prisma, b)];
    const appd = sampleAppd('twin');
    // Both drafts validate while nobody has published the appDId; the publishes race.
    const [draftA, draftB] = [await register(a, appA.id, appd), await register(b, appB.id, appd)];
    const results = await Promise.allSettled([publishVersion(prisma, a, appA.id, draftA.id), publishVersion(prisma, b, appB.id, draftB.id)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'conflict', extensions: { reason: APPD_ID_TAKEN } });
    const winner = results[0]!.status === 'fulfilled' ? appA.id : appB.id;
    expect(await prisma.appdIdOwner.findUnique({ where: { appdId: appd.appDId } })).toMatchObject({ appId: winner });
    expect(await prisma.appVersion.count({ where: { appdId: appd.appDId, status: 'published' } })).toBe(1);
  });

  it('shows the publisher on the store page, and whether the AppD names another provider', async () => {
    const dev = await freshDeveloper(prisma);
    const app = await newApp(prisma, dev);
    await publishVersion(prisma, dev, app.id, (await register(dev, app.id, sampleAppd('who'))).id);
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { id: dev.tenant.id } });
    expect((await getStoreApp(prisma, app.id)).publisher).toEqual({ name: tenant.name, nameZh: tenant.nameZh, appProviderDiffers: true });
    const honest = await newApp(prisma, dev);
    await publishVersion(prisma, dev, honest.id, (await register(dev, honest.id, { ...sampleAppd('me'), appProvider: ` ${tenant.name.toUpperCase()} ` })).id);
    expect((await getStoreApp(prisma, honest.id)).publisher.appProviderDiffers).toBe(false);
  });
});
