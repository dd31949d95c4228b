/** The caller's own view of themselves, and their preferences. */
import type { TMe, TPreferencesUpdate } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { recordAudit } from '../audit';
import type { TActor } from './actor';
import type { RecentProfiles, TProfileRow } from './recent-profiles';

export function meOf(actor: TActor): TMe {
  return { subject: actor.subject, username: actor.username, name: actor.name, email: actor.email, tenant: actor.tenant, roles: actor.roles, locale: actor.locale };
}

/** How stale `lastSeenAt` may get before a visit refreshes it; keeps `/me` from writing on every call. */
const LAST_SEEN_GRANULARITY_MS = 60_000;

/** What the UPDATE below matches: a visit older than the granularity, or claims that changed. */
function visitDue(row: TProfileRow, actor: TActor, now: Date): boolean {
  return row.lastSeenAt.getTime() < now.getTime() - LAST_SEEN_GRANULARITY_MS
    || row.username !== actor.username || row.displayName !== actor.name || row.email !== actor.email;
}

/**
 * Refreshes the profile from the token's claims (names change in the IdP) and records the visit.
 * With `recent` holding the caller's row (read at most 2 s ago), a visit that is not due costs no query.
 */
export async function getMe(prisma: DbClient, actor: TActor, now = new Date(), recent?: RecentProfiles): Promise<TMe> {
  const known = recent?.get(actor.subject);
  if (known && known.id === actor.profileId && !visitDue(known, actor, now)) return meOf(actor);
  const fields = { username: actor.username, displayName: actor.name, email: actor.email };
  // An UPDATE that matches no row writes nothing: only changed claims or a stale visit cost a write.
  const { count } = await prisma.userProfile.updateMany({
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
  // Written: the kept row says so. Not written although the kept row said it was due: another
  // process wrote since that row was read, so read it again next time.
  if (count > 0) recent?.update(actor.subject, { ...fields, lastSeenAt: now });
  else recent?.forget(actor.subject);
  return meOf(actor);
}

/** `recent`: the kept rows to forget the caller's in, after the commit, so this process's next read shows the change. */
export async function updatePreferences(prisma: DbClient, actor: TActor, update: TPreferencesUpdate, requestId: string, recent?: RecentProfiles): Promise<TMe> {
  await prisma.$transaction(async (tx) => {
    await tx.userProfile.update({ where: { id: actor.profileId }, data: { locale: update.locale } });
    await recordAudit(tx, actor, { action: 'profile.preferences.update', target: { type: 'user-profile', id: actor.profileId }, data: { from: { locale: actor.locale }, to: update }, requestId });
  });
  recent?.forget(actor.subject);
  return meOf({ ...actor, locale: update.locale });
}
