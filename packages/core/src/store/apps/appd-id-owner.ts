/**
 * An appDId names one application (MEC 010-2): it belongs to the first app that publishes a
 * version with it. Another app's package with that appDId, in any tenant, is refused when it is
 * validated and when it is published; the claim is made in the publish transaction, and the
 * table's primary key settles two publishes at once (the second waits for the first's commit,
 * then finds the claim taken).
 *
 * @example await claimAppdId(tx, version.appId, version.appdId); // inside the publish transaction
 */
import { AppError, type TValidationCheck } from '@mecport/contracts';
import type { DbExecutor } from '@mecport/db';

/** Problem extension `reason` of the refusal, stable for clients and the UI's translation. */
export const APPD_ID_TAKEN = 'appd-id-taken';

export function appdIdTakenError(appdId: string): AppError {
  return new AppError('conflict', `appDId ${appdId} belongs to another app (the first to publish it); give this app's package an appDId of its own`, {
    extensions: { reason: APPD_ID_TAKEN, appDId: appdId },
  });
}

/** The app owning an appDId, or null while nobody has published it. */
async function ownerOf(db: DbExecutor, appdId: string): Promise<string | null> {
  const row = await db.appdIdOwner.findUnique({ where: { appdId }, select: { appId: true } });
  return row?.appId ?? null;
}

/** Refuses an appDId another app owns; a free one stays free (claimed only on publish). */
export async function assertAppdIdFree(db: DbExecutor, appId: string, appdId: string): Promise<void> {
  const owner = await ownerOf(db, appdId);
  if (owner !== null && owner !== appId) throw appdIdTakenError(appdId);
}

/** Claims the appDId for the app publishing it, or refuses when another app owns it. */
export async function claimAppdId(db: DbExecutor, appId: string, appdId: string): Promise<void> {
  await db.appdIdOwner.createMany({ data: [{ appdId, appId }], skipDuplicates: true });
  if ((await ownerOf(db, appdId)) !== appId) throw appdIdTakenError(appdId);
}

/** The validation report's entry for the appDId (`store.appd-id`). */
export async function appdIdCheck(db: DbExecutor, appId: string, appdId: string): Promise<TValidationCheck> {
  const owner = await ownerOf(db, appdId);
  return owner !== null && owner !== appId
    ? { id: 'store.appd-id', status: 'fail', message: appdIdTakenError(appdId).message }
    : { id: 'store.appd-id', status: 'pass', message: `appDId ${appdId} is ${owner === appId ? 'this app\'s' : 'not used by another app'}` };
}
