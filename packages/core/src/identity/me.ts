/** The caller's own view of themselves, and their preferences. */
import type { TMe, TPreferencesUpdate } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { recordAudit } from '../audit/record';
import type { TActor } from './actor';

export function meOf(actor: TActor): TMe {
  return { subject: actor.subject, username: actor.username, name: actor.name, email: actor.email, tenant: actor.tenant, roles: actor.roles, locale: actor.locale };
}

/** Refreshes the profile from the token's claims (names change in the IdP) and records the visit. */
export async function getMe(prisma: DbClient, actor: TActor): Promise<TMe> {
  await prisma.userProfile.update({
    where: { id: actor.profileId },
    data: { username: actor.username, displayName: actor.name, email: actor.email, lastSeenAt: new Date() },
  });
  return meOf(actor);
}

export async function updatePreferences(prisma: DbClient, actor: TActor, update: TPreferencesUpdate, requestId: string): Promise<TMe> {
  await prisma.$transaction(async (tx) => {
    await tx.userProfile.update({ where: { id: actor.profileId }, data: { locale: update.locale } });
    await recordAudit(tx, actor, { action: 'profile.preferences.update', target: { type: 'user-profile', id: actor.profileId }, data: { from: { locale: actor.locale }, to: update }, requestId });
  });
  return meOf({ ...actor, locale: update.locale });
}
