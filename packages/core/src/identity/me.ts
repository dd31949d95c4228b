/** The caller's own view of themselves, and their preferences. */
import type { TMe, TPreferencesUpdate } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { recordAudit } from '../audit';
import type { TActor } from './actor';

export function meOf(actor: TActor): TMe {
  return { subject: actor.subject, username: actor.username, name: actor.name, email: actor.email, tenant: actor.tenant, roles: actor.roles, locale: actor.locale };
}

/** How stale `lastSeenAt` may get before a visit refreshes it; keeps `/me` from writing on every call. */
const LAST_SEEN_GRANULARITY_MS = 60_000;

/** Refreshes the profile from the token's claims (names change in the IdP) and records the visit. */
export async function getMe(prisma: DbClient, actor: TActor, now = new Date()): Promise<TMe> {
  const fields = { username: actor.username, displayName: actor.name, email: actor.email };
  // An UPDATE that matches no row writes nothing: only changed claims or a stale visit cost a write.
  await prisma.userProfile.updateMany({
    where: {
      id: actor.profileId,
      OR: [
        { lastSeenAt: { lt: new Date(now.getTime() - LAST_SEEN_GRANULARITY_MS) } },
        { username: { not: fields.username } },
        { displayName: { not: fields.displayName } },
        fields.email === null ? { email: { not: null } } : { OR: [{ email: null }, { email: { not: fields.email } }] },
      ],
    },
    data: { ...fields, lastSeenAt: now },
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
