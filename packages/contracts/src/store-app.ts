/**
 * Store listings and their package versions as the developer workspace API reads and writes them
 * (`/api/v1/apps/...`). The public catalog's shapes are in store-catalog.ts.
 *
 * @example ZAppCreate.parse({ slug: 'edge-video', name: 'Edge Video Analytics', provider: 'Acme', category: 'video-analytics' });
 */
import { z } from 'zod';
import { ZPage, ZPageQuery } from './pagination';
import { ZAppWorkload } from './container-runtime';

export const APP_CATEGORIES = ['video-analytics', 'ar-vr', 'gaming', 'iot', 'v2x', 'industrial', 'smart-city', 'healthcare', 'cdn', 'security', 'ai-inference', 'other'] as const;
export const ZAppCategory = z.enum(APP_CATEGORIES).describe('Store category');
export type TAppCategory = z.infer<typeof ZAppCategory>;

export const ARCHITECTURES = ['x86_64', 'aarch64'] as const;
export const ZArchitecture = z.enum(ARCHITECTURES).describe('CPU architecture of the package\'s images');
export type TArchitecture = z.infer<typeof ZArchitecture>;

/** draft -> validated -> in_certification -> certified -> published -> deprecated */
export const APP_VERSION_STATUSES = ['draft', 'validated', 'in_certification', 'certified', 'published', 'deprecated'] as const;
export const ZAppVersionStatus = z.enum(APP_VERSION_STATUSES);
export type TAppVersionStatus = z.infer<typeof ZAppVersionStatus>;

export const ZAppSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a slug is 2-63 lower-case letters, digits or dashes');
export const ZSha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 digest is 64 lower-case hex digits');
/** Semantic-ish versions as MEC 037 manifests carry them (`1.0`, `1.2.3`, `2.0.0-rc.1`). */
export const ZAppVersionName = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}$/, 'a version is 1-64 letters, digits, dots, dashes, pluses or underscores');

const ZHttpUrl = z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).max(2000);
const ZTag = z.string().trim().min(1).max(40);

const listingFields = {
  name: z.string().trim().min(1).max(120),
  nameZh: z.string().trim().min(1).max(120).nullable(),
  provider: z.string().trim().min(1).max(120),
  category: ZAppCategory,
  industry: z.string().trim().min(1).max(80).nullable(),
  tags: z.array(ZTag).max(20),
  descriptionEn: z.string().max(20_000).describe('Markdown'),
  descriptionZh: z.string().max(20_000).describe('Markdown'),
  iconUrl: ZHttpUrl.nullable(),
  screenshots: z.array(ZHttpUrl).max(10),
  videoUrl: ZHttpUrl.nullable(),
  experienceable: z.boolean().describe('Store visitors may try the latest published version in a short-lived sandbox (POST /api/v1/store/apps/{appId}/experience)'),
};

export const ZApp = z
  .object({
    id: z.string().uuid(),
    slug: ZAppSlug,
    ...listingFields,
    createdBy: z.string().describe('Subject of the developer who created the listing'),
    createdAt: z.string().datetime({ offset: true }),
    updatedAt: z.string().datetime({ offset: true }),
  })
  .meta({ id: 'App' });
export type TApp = z.infer<typeof ZApp>;
export const ZAppPage = ZPage(ZApp).meta({ id: 'AppPage' });

export const ZAppCreate = z
  .object({
    slug: ZAppSlug,
    name: listingFields.name,
    provider: listingFields.provider,
    category: listingFields.category,
    nameZh: listingFields.nameZh.optional(),
    industry: listingFields.industry.optional(),
    tags: listingFields.tags.optional(),
    descriptionEn: listingFields.descriptionEn.optional(),
    descriptionZh: listingFields.descriptionZh.optional(),
    iconUrl: listingFields.iconUrl.optional(),
    screenshots: listingFields.screenshots.optional(),
    videoUrl: listingFields.videoUrl.optional(),
  })
  .strict()
  .meta({ id: 'AppCreate' });
export type TAppCreate = z.infer<typeof ZAppCreate>;

/**
 * Every listing field but the slug may change; `null` clears an optional one: the nullable ones
 * become null, the descriptions empty and the lists empty (as the API reference says).
 */
export const ZAppUpdate = z
  .object({
    ...listingFields,
    descriptionEn: listingFields.descriptionEn.nullable().describe('Markdown; null clears it'),
    descriptionZh: listingFields.descriptionZh.nullable().describe('Markdown; null clears it'),
    tags: listingFields.tags.nullable().describe('null clears them'),
    screenshots: listingFields.screenshots.nullable().describe('null clears them'),
  })
  .partial()
  .strict()
  .meta({ id: 'AppUpdate' });
export type TAppUpdate = z.infer<typeof ZAppUpdate>;

/** One check of a package validation report (the codec's `TCheck`). */
export const ZValidationCheck = z.object({
  id: z.string().min(1).max(100),
  status: z.enum(['pass', 'warn', 'fail']),
  message: z.string().max(4000),
  file: z.string().max(1000).optional(),
  line: z.number().int().min(1).optional(),
});
export type TValidationCheck = z.infer<typeof ZValidationCheck>;
export const ZValidationReport = z.object({ checks: z.array(ZValidationCheck) });
export type TValidationReport = z.infer<typeof ZValidationReport>;

export const ZAppVersion = z
  .object({
    id: z.string().uuid(),
    appId: z.string().uuid(),
    version: z.string(),
    status: ZAppVersionStatus,
    packageDigest: ZSha256Hex,
    packageSize: z.number().int().min(0).describe('Bytes'),
    appdId: z.string(),
    architecture: ZArchitecture,
    validation: z.object({ pass: z.number().int(), warn: z.number().int(), fail: z.number().int() }).describe('Counts of the validation report\'s checks'),
    createdAt: z.string().datetime({ offset: true }),
    certifiedAt: z.string().datetime({ offset: true }).nullable(),
    publishedAt: z.string().datetime({ offset: true }).nullable(),
    deprecatedAt: z.string().datetime({ offset: true }).nullable(),
    workload: ZAppWorkload.nullable().describe('What the package runs as (process, container, helm: not deployable, none); null until the package has been read'),
  })
  .meta({ id: 'AppVersion' });
export type TAppVersion = z.infer<typeof ZAppVersion>;
export const ZAppVersionPage = ZPage(ZAppVersion).meta({ id: 'AppVersionPage' });

export const ZAppListQuery = ZPageQuery;
export type TAppListQuery = z.infer<typeof ZAppListQuery>;

export const ZAppParams = z.object({ appId: z.string().uuid() });
export const ZAppVersionParams = z.object({ appId: z.string().uuid(), versionId: z.string().uuid() });
