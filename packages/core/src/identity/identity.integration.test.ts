import { AppError } from '@mecport/contracts';
import { getPrisma } from '@mecport/db';
import { describe, expect, it } from 'vitest';
import { freshIdentity } from '../testing/identities';
import { resolveActor } from './actor';
import { getMe, updatePreferences } from './me';

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
