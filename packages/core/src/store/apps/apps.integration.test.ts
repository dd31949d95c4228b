import { getPrisma } from '@mecport/db';
import { ZAppUpdate } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import { getApp, listTenantApps } from './get-app';
import { newApp, freshDeveloper } from '../../testing/store-fixtures';
import { updateApp } from './update-app';

const prisma = getPrisma();

describe('apps of a tenant', () => {
  it('creates an app with defaults, audits it, and refuses a second one with the same slug', async () => {
    const dev = await freshDeveloper(prisma);
    const app = await newApp(prisma, dev, { nameZh: '边缘视频', tags: ['video', '视频'], descriptionZh: '# 简介' });
    expect(app).toMatchObject({ nameZh: '边缘视频', tags: ['video', '视频'], descriptionEn: '', descriptionZh: '# 简介', screenshots: [], iconUrl: null, createdBy: dev.subject });
    expect(await prisma.auditEvent.findMany({ where: { tenantId: dev.tenant.id } })).toEqual([expect.objectContaining({ action: 'app.create', targetId: app.id })]);
    await expect(newApp(prisma, dev, { slug: app.slug })).rejects.toMatchObject({ code: 'conflict', errors: [{ field: 'slug' }] });
    // Another tenant may use the same slug.
    const other = await freshDeveloper(prisma);
    expect((await newApp(prisma, other, { slug: app.slug })).slug).toBe(app.slug);
  });

  it('updates only what changed and audits the changed fields', async () => {
    const dev = await freshDeveloper(prisma);
    const app = await newApp(prisma, dev);
    const updated = await updateApp(prisma, dev, app.id, { name: app.name, descriptionEn: 'New **text**', nameZh: '新名字', screenshots: ['https://img.example/1.png'] }, 'req-upd-1');
    expect(updated).toMatchObject({ name: app.name, descriptionEn: 'New **text**', nameZh: '新名字', screenshots: ['https://img.example/1.png'] });
    const cleared = await updateApp(prisma, dev, app.id, { nameZh: null });
    expect(cleared.nameZh).toBeNull();
    const events = await prisma.auditEvent.findMany({ where: { tenantId: dev.tenant.id, action: 'app.update' }, orderBy: { createdAt: 'asc' } });
    expect(events.map((e) => e.data)).toEqual([{ fields: ['descriptionEn', 'nameZh', 'screenshots'] }, { fields: ['nameZh'] }]);
    await updateApp(prisma, dev, app.id, { name: app.name });
    expect(await prisma.auditEvent.count({ where: { tenantId: dev.tenant.id, action: 'app.update' } }), 'a no-op writes nothing').toBe(2);
  });

  it('null clears the descriptions and the lists, as the API reference says', async () => {
    const dev = await freshDeveloper(prisma);
    const app = await newApp(prisma, dev, { descriptionEn: '# Hello', descriptionZh: '# 你好', tags: ['a'], screenshots: ['https://img.example/1.png'] });
    const cleared = await updateApp(prisma, dev, app.id, { descriptionEn: null, descriptionZh: null, tags: null, screenshots: null });
    expect(cleared).toMatchObject({ descriptionEn: '', descriptionZh: '', tags: [], screenshots: [] });
    expect(ZAppUpdate.safeParse({ descriptionEn: null }).success, 'the route\'s body schema takes it').toBe(true);
  });

  it('keeps tenants apart: another tenant\'s app is not found', async () => {
    const mine = await freshDeveloper(prisma);
    const theirs = await freshDeveloper(prisma);
    const app = await newApp(prisma, theirs);
    await expect(getApp(prisma, mine.tenant.id, app.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(updateApp(prisma, mine, app.id, { name: 'Hijacked' })).rejects.toMatchObject({ code: 'not-found' });
    expect((await getApp(prisma, theirs.tenant.id, app.id)).name).toBe(app.name);
    expect((await listTenantApps(prisma, mine.tenant.id, { limit: 10 })).items).toEqual([]);
  });

  it('lists the tenant\'s apps newest first with a cursor, no gaps or repeats', async () => {
    const dev = await freshDeveloper(prisma);
    const created = [];
    for (let i = 0; i < 5; i += 1) created.push(await newApp(prisma, dev));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listTenantApps(prisma, dev.tenant.id, { limit: 2, cursor });
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect([...seen].sort()).toEqual(created.map((a) => a.id).sort());
    expect(seen).toHaveLength(5);
  });
});
