/**
 * Identity contracts shared by the portal, the dev IdP, the token CLI and tests.
 *
 * Realm roles follow ARCHITECTURE.md ("Roles and tenancy"); every human caller belongs to
 * exactly one tenant, carried in the access token's tenant claim.
 */
import { z } from 'zod';

export const ROLES = ['developer', 'tester', 'operator', 'store-admin', 'admin'] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

export const LOCALES = ['en', 'zh-CN'] as const;
export const ZLocale = z.enum(LOCALES);
export type TLocale = z.infer<typeof ZLocale>;

/** Tenant slugs: lower-case letters, digits and dashes, as used in the tenant claim. */
export const ZTenantSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a tenant slug is 2-63 lower-case letters, digits or dashes');

/** What `GET /api/v1/me` answers. */
export const ZMe = z.object({
  subject: z.string().describe('The OIDC subject (sub) of the caller'),
  username: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  tenant: z.object({ id: z.string().uuid(), slug: ZTenantSlug, name: z.string() }),
  roles: z.array(ZRole),
  locale: ZLocale,
});
export type TMe = z.infer<typeof ZMe>;

export const ZPreferencesUpdate = z.object({ locale: ZLocale }).strict();
export type TPreferencesUpdate = z.infer<typeof ZPreferencesUpdate>;
