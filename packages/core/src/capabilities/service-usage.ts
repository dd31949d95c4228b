/**
 * What published apps declare about services, read from the AppD of each app's latest published
 * version (the store's listing: `app.latest_version_id`): the serNames it produces
 * (`appServiceProduced`), requires (`appServiceRequired`) or may use (`appServiceOptional`).
 * Store-wide, like the store's catalog.
 */
import type { DbClient } from '@mecport/db';
import { Prisma } from '@mecport/db';

export type TUsageRole = 'produced' | 'required' | 'optional';

export interface TUsageRow { appId: string; appName: string; appNameZh: string | null; version: string; role: TUsageRole; serName: string; serVersion: string; category: string | null }
export interface TUsageAggregate { role: TUsageRole; serName: string; apps: number; versions: string[]; category: string | null }

const USAGE = Prisma.sql`
  SELECT a.id::text AS "appId", a.name AS "appName", a.name_zh AS "appNameZh", coalesce(a.latest_version, '') AS "version",
    s.role AS "role", s.elem->>'serName' AS "serName", coalesce(s.elem->>'version', '') AS "serVersion",
    coalesce(s.elem->'serCategory'->>'name', s.elem->'serCategory'->>'id') AS "category"
  FROM app a
  JOIN app_version v ON v.id = a.latest_version_id
  CROSS JOIN LATERAL (
    SELECT r.role, e.elem
    FROM (VALUES ('produced', 'appServiceProduced'), ('required', 'appServiceRequired'), ('optional', 'appServiceOptional')) AS r(role, field)
    CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(v.appd->r.field) = 'array' THEN v.appd->r.field ELSE '[]'::jsonb END) AS e(elem)
  ) s
  WHERE jsonb_typeof(s.elem) = 'object' AND coalesce(s.elem->>'serName', '') <> ''`;

/** Per serName and role: how many published apps, which service versions, one category. */
export function usageAggregates(db: DbClient): Promise<TUsageAggregate[]> {
  return db.$queryRaw<TUsageAggregate[]>`
    SELECT u."role", u."serName", count(DISTINCT u."appId")::int AS "apps",
      array_remove(array_agg(DISTINCT u."serVersion"), '') AS "versions", min(u."category") AS "category"
    FROM (${USAGE}) u
    GROUP BY u."role", u."serName"`;
}

/** Every declaration naming one of `serNames` (compared case-insensitively), by app name. */
export function usageOf(db: DbClient, serNames: string[]): Promise<TUsageRow[]> {
  const keys = serNames.map((s) => s.toLowerCase());
  return db.$queryRaw<TUsageRow[]>`
    SELECT u.* FROM (${USAGE}) u
    WHERE lower(u."serName") = ANY(${keys}::text[])
    ORDER BY u."appName", u."appId", u."role"`;
}
