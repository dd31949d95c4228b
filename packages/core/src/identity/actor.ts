/**
 * The signed-in caller as domain code sees it: the verified token's identity plus the profile and
 * tenant rows it maps to. Profiles and tenants are provisioned on first sight (just-in-time), so a
 * user added in Keycloak can sign in without a separate registration step.
 */
import type { TLocale, TRole } from '@mecport/contracts';
import { AppError, ZLocale } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import type { RecentProfiles } from './recent-profiles';

export interface TActor {
  subject: string;
  username: string;
  name: string;
  email: string | null;
  roles: TRole[];
  profileId: string;
  locale: TLocale;
  tenant: { id: string; slug: string; name: string };
}

export interface TVerifiedIdentity { subject: string; username: string; name: string; email: string | null; tenant: string | null; roles: TRole[] }

function toActor(identity: TVerifiedIdentity, profile: { id: string; locale: string; tenant: { id: string; slug: string; name: string } }): TActor {
  const locale = ZLocale.safeParse(profile.locale);
  return {
    subject: identity.subject, username: identity.username, name: identity.name, email: identity.email, roles: identity.roles,
    profileId: profile.id, locale: locale.success ? locale.data : 'en',
    tenant: { id: profile.tenant.id, slug: profile.tenant.slug, name: profile.tenant.name },
  };
}

/**
 * One indexed read on the hot path (none while `recent` holds the row: ./recent-profiles); writes
 * only when the profile is new or its tenant changed.
 */
export async function resolveActor(prisma: DbClient, identity: TVerifiedIdentity, recent?: RecentProfiles): Promise<TActor> {
  if (!identity.tenant) throw new AppError('forbidden', 'Your account belongs to no tenant');
  const known = recent?.get(identity.subject);
  if (known && known.tenant.slug === identity.tenant) return toActor(identity, known);
  const existing = await prisma.userProfile.findUnique({ where: { subject: identity.subject }, include: { tenant: true } });
  if (existing && existing.tenant.slug === identity.tenant) {
    recent?.remember(existing);
    return toActor(identity, existing);
  }
  const tenant = await prisma.tenant.upsert({ where: { slug: identity.tenant }, update: {}, create: { slug: identity.tenant, name: identity.tenant } });
  const fields = { username: identity.username, displayName: identity.name, email: identity.email, tenantId: tenant.id };
  const profile = await prisma.userProfile.upsert({
    where: { subject: identity.subject }, update: fields, create: { subject: identity.subject, ...fields }, include: { tenant: true },
  });
  recent?.remember(profile);
  return toActor(identity, profile);
}
