import { AppError } from '@mecport/contracts';
import { getPrisma } from '@mecport/db';
import { describe, expect, it } from 'vitest';
import { freshIdentity } from '../testing/identities';
import { resolveActor } from './actor';
import { getMe, updatePreferences } from './me';
import { RecentProfiles } from './recent-profiles';

const prisma = getPrisma();

describe('resolveActor', () => {
  it('provisions tenant and profile on first sight, then reads them', async () => {
    const identity = freshIdentity();
    const first = await resolveActor(prisma, identity);
    expect(first.tenant.slug).toBe(identity.tenant);
    expect(first.locale).toBe('en');
    const again = await resolveActor(prisma, identity);
    expect(again.profileId).toBe(first.profileId);
    expect(await prisma.userProfile.count({ where: { subject: identity.subject } })).toBe(1);
  });

  it('moves a profile when the IdP moves the user to another tenant', async () => {
    const identity = freshIdentity();
    const before = await resolveActor(prisma, identity);
    const after = await resolveActor(prisma, { ...identity, tenant: `${identity.tenant}-new` });
    expect(after.profileId).toBe(before.profileId);
    expect(after.tenant.id).not.toBe(before.tenant.id);
  });

  it('refuses an identity without a tenant', async () => {
    await expect(resolveActor(prisma, freshIdentity({ tenant: null }))).rejects.toMatchObject({ code: 'forbidden' } satisfies Partial<AppError>);
  });
});

describe('me and preferences', () => {
  it('refreshes the profile from the token and records the visit', async () => {
    const identity = freshIdentity();
    const actor = await resolveActor(prisma, identity);
    const me = await getMe(prisma, { ...actor, name: 'Renamed In IdP' });
    expect(me.name).toBe('Renamed In IdP');
    const profile = await prisma.userProfile.findUniqueOrThrow({ where: { id: actor.profileId } });
    expect(profile.displayName).toBe('Renamed In IdP');
  });

  it('changes the locale and audits it in one transaction', async () => {
    const actor = await resolveActor(prisma, freshIdentity());
    const me = await updatePreferences(prisma, actor, { locale: 'zh-CN' }, 'req-12345678');
    expect(me.locale).toBe('zh-CN');
    expect((await resolveActor(prisma, { ...freshIdentity(), subject: actor.subject, tenant: actor.tenant.slug })).locale).toBe('zh-CN');
    const events = await prisma.auditEvent.findMany({ where: { tenantId: actor.tenant.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'profile.preferences.update', actorSubject: actor.subject, requestId: 'req-12345678', data: { from: { locale: 'en' }, to: { locale: 'zh-CN' } } });
  });
});

describe('visits', () => {
  it('writes lastSeenAt at most once a minute unless the claims changed', async () => {
    const actor = await resolveActor(prisma, freshIdentity());
    const seen = async () => (await prisma.userProfile.findUniqueOrThrow({ where: { id: actor.profileId } })).lastSeenAt.getTime();
    const t0 = new Date(Date.now() + 120_000);
    await getMe(prisma, actor, t0);
    expect(await seen()).toBe(t0.getTime());
    await getMe(prisma, actor, new Date(t0.getTime() + 10_000));
    expect(await seen(), 'a visit 10 s later writes nothing').toBe(t0.getTime());
    await getMe(prisma, { ...actor, email: 'new@example.test' }, new Date(t0.getTime() + 20_000));
    expect(await seen(), 'changed claims are written at once').toBe(t0.getTime() + 20_000);
    await getMe(prisma, { ...actor, email: 'new@example.test' }, new Date(t0.getTime() + 90_000));
    expect(await seen(), 'a visit after the granularity is recorded').toBe(t0.getTime() + 90_000);
  });
});

describe('with the rows read in the last 2 s (RecentProfiles)', () => {
  const lastSeen = async (profileId: string) => (await prisma.userProfile.findUniqueOrThrow({ where: { id: profileId } })).lastSeenAt.getTime();

  it('resolves from the kept row until it is 2 s old, then reads the database again', async () => {
    const clock = { ms: Date.now() };
    const recent = new RecentProfiles({ now: () => clock.ms });
    const identity = freshIdentity();
    const first = await resolveActor(prisma, identity, recent);
    await prisma.userProfile.update({ where: { id: first.profileId }, data: { locale: 'zh-CN' } }); // another process's write
    expect((await resolveActor(prisma, identity, recent)).locale, 'from the kept row').toBe('en');
    clock.ms += 2_000;
    expect((await resolveActor(prisma, identity, recent)).locale, 'read again').toBe('zh-CN');
  });

  it('shows this process\'s preference change at once, and a tenant move is provisioned', async () => {
    const recent = new RecentProfiles();
    const identity = freshIdentity();
    const actor = await resolveActor(prisma, identity, recent);
    await updatePreferences(prisma, actor, { locale: 'zh-CN' }, 'req-12345678', recent);
    expect((await resolveActor(prisma, identity, recent)).locale).toBe('zh-CN');
    const moved = await resolveActor(prisma, { ...identity, tenant: `${identity.tenant}-new` }, recent);
    expect(moved.tenant.slug).toBe(`${identity.tenant}-new`);
    expect((await resolveActor(prisma, { ...identity, tenant: `${identity.tenant}-new` }, recent)).tenant.id).toBe(moved.tenant.id);
  });

  it('writes the visits the database would, and no others', async () => {
    const recent = new RecentProfiles();
    const identity = freshIdentity();
    const actor = await resolveActor(prisma, identity, recent);
    const t0 = new Date(Date.now() + 120_000);
    await getMe(prisma, actor, t0, recent);
    expect(await lastSeen(actor.profileId), 'a stale visit is written').toBe(t0.getTime());
    await prisma.userProfile.update({ where: { id: actor.profileId }, data: { lastSeenAt: new Date(t0.getTime() + 5_000) } }); // another process's visit
    await getMe(prisma, actor, new Date(t0.getTime() + 10_000), recent);
    expect(await lastSeen(actor.profileId), 'not due by the kept row: no query').toBe(t0.getTime() + 5_000);
    await getMe(prisma, { ...actor, email: 'new@example.test' }, new Date(t0.getTime() + 20_000), recent);
    expect(await lastSeen(actor.profileId), 'changed claims are written at once').toBe(t0.getTime() + 20_000);
    await getMe(prisma, { ...actor, email: 'new@example.test' }, new Date(t0.getTime() + 30_000), recent);
    expect(await lastSeen(actor.profileId), 'the kept row knows the claims were written').toBe(t0.getTime() + 20_000);
  });

  it('reads the row again when the database had no visit to write although the kept row said so', async () => {
    const recent = new RecentProfiles();
    const actor = await resolveActor(prisma, freshIdentity(), recent);
    const t0 = new Date(Date.now() + 120_000);
    await prisma.userProfile.update({ where: { id: actor.profileId }, data: { lastSeenAt: t0 } }); // another process's visit
    await getMe(prisma, actor, new Date(t0.getTime() + 1_000), recent);
    expect(await lastSeen(actor.profileId)).toBe(t0.getTime());
    expect(recent.get(actor.subject)).toBeUndefined();
  });
});
