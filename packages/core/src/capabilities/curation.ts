/**
 * Store admins' curation of the catalog: feature, hide, describe (English and Chinese), deprecate.
 * Store-wide, like the store's catalog; each change is audited in the curator's tenant.
 */
import type { TCapabilityCuration, TCapabilityCurationInput, TCapabilityKind, TRole } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { recordAudit, type TAuditActor } from '../audit';

export const CURATOR_ROLES: readonly TRole[] = ['store-admin', 'admin'];

export function canCurate(actor: { roles: readonly TRole[] }): boolean {
  return actor.roles.some((r) => CURATOR_ROLES.includes(r));
}

export const curationKey = (kind: TCapabilityKind, name: string): string => `${kind}/${name}`;

export const NO_CURATION: TCapabilityCuration = { featured: false, hidden: false, deprecated: false, descriptionEn: '', descriptionZh: '', updatedAt: null, updatedBy: null };

type TRow = { kind: string; name: string; featured: boolean; hidden: boolean; deprecated: boolean; descriptionEn: string; descriptionZh: string; updatedAt: Date; updatedByName: string };

function toCuration(row: TRow): TCapabilityCuration {
  return {
    featured: row.featured, hidden: row.hidden, deprecated: row.deprecated, descriptionEn: row.descriptionEn, descriptionZh: row.descriptionZh,
    updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedByName,
  };
}

/** Every curation, by `kind/name`. */
export async function readCurations(db: DbClient): Promise<Map<string, TCapabilityCuration>> {
  const rows = await db.capabilityCuration.findMany();
  return new Map(rows.map((r) => [curationKey(r.kind as TCapabilityKind, r.name), toCuration(r)]));
}

/** Replaces one capability's curation; the caller has checked that the capability exists. */
export async function writeCuration(
  db: DbClient, actor: TAuditActor, target: { id: string; kind: TCapabilityKind; name: string }, input: TCapabilityCurationInput, requestId?: string,
): Promise<TCapabilityCuration> {
  const key = { kind: target.kind, name: target.name };
  return db.$transaction(async (tx) => {
    const data = { ...input, updatedBy: actor.subject, updatedByName: actor.name };
    const row = await tx.capabilityCuration.upsert({ where: { kind_name: key }, create: { ...key, ...data }, update: data });
    await recordAudit(tx, actor, { action: 'capability.curate', target: { type: 'capability', id: target.id }, data: { ...key, ...input }, requestId });
    return toCuration(row);
  });
}
