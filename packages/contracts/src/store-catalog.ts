/**
 * The public store: catalog search and pages (`/api/v1/store/apps`), an app's public page,
 * ratings and comments.
 *
 * @example GET /api/v1/store/apps?q=视频&category=video-analytics&sort=downloads&limit=20
 */
import { z } from 'zod';
import { ZAppdSummary } from './appd-summary';
import { ZPage, ZPageQuery } from './pagination';
import { ZApp, ZAppCategory, ZArchitecture, ZAppVersion } from './store-app';

export const CATALOG_SORTS = ['relevance', 'newest', 'downloads', 'rating'] as const;
export const ZCatalogSort = z.enum(CATALOG_SORTS);
export type TCatalogSort = z.infer<typeof ZCatalogSort>;

export const CATALOG_MAX_PAGE = 50;

export const ZCatalogQuery = z.object({
  q: z.string().trim().min(1).max(100).optional().describe('Words to find in names (English or Chinese), provider, tags and descriptions; every word must match'),
  category: ZAppCategory.optional(),
  architecture: ZArchitecture.optional().describe('Only apps with a published version for this architecture'),
  provider: z.string().trim().min(1).max(120).optional().describe('Exact provider name'),
  certifiedOnly: z.enum(['true', 'false']).optional().transform((v) => v === 'true').describe('Only apps with a certified published version'),
  sort: ZCatalogSort.optional().describe('Default: relevance when q is given, else newest'),
  limit: z.coerce.number().int().min(1).max(CATALOG_MAX_PAGE).default(20).describe(`Items per page (1-${CATALOG_MAX_PAGE})`),
  cursor: z.string().min(1).max(300).optional().describe('Opaque cursor from a previous page (same query and sort)'),
});
export type TCatalogQuery = z.infer<typeof ZCatalogQuery>;
export type TCatalogQueryInput = z.input<typeof ZCatalogQuery>;

export const ZRatingSummary = z
  .object({ average: z.number().min(1).max(5).nullable().describe('null while nobody rated'), count: z.number().int().min(0) })
  .meta({ id: 'RatingSummary' });
export type TRatingSummary = z.infer<typeof ZRatingSummary>;

const ZLatestVersion = z.object({ id: z.string().uuid(), version: z.string(), architecture: ZArchitecture, publishedAt: z.string().datetime({ offset: true }), certified: z.boolean() });

export const ZCatalogItem = z
  .object({
    id: z.string().uuid(),
    slug: z.string(),
    name: z.string(),
    nameZh: z.string().nullable(),
    provider: z.string(),
    category: ZAppCategory,
    industry: z.string().nullable(),
    tags: z.array(z.string()),
    iconUrl: z.string().nullable(),
    excerptEn: z.string().describe('Start of the English description (Markdown)'),
    excerptZh: z.string().describe('Start of the Chinese description (Markdown)'),
    latestVersion: ZLatestVersion,
    architectures: z.array(ZArchitecture),
    certified: z.boolean().describe('A published version is certified'),
    downloads: z.number().int(),
    rating: ZRatingSummary,
  })
  .meta({ id: 'CatalogItem' });
export type TCatalogItem = z.infer<typeof ZCatalogItem>;
export const ZCatalogPage = ZPage(ZCatalogItem).meta({ id: 'CatalogPage' });
export type TCatalogPage = z.infer<typeof ZCatalogPage>;

export const ZStoreAppDetail = z
  .object({
    app: ZApp.omit({ createdBy: true }),
    versions: z.array(ZAppVersion.omit({ validation: true })).describe('Published versions, newest first'),
    appd: ZAppdSummary.nullable().describe('Summary of the latest published version\'s AppD'),
    publisher: z.object({
      name: z.string(),
      nameZh: z.string().nullable(),
      appProviderDiffers: z.boolean().describe('The latest AppD\'s appProvider is not the publishing tenant\'s name'),
    }).describe('The tenant that publishes the app'),
    downloads: z.number().int(),
    rating: ZRatingSummary,
  })
  .meta({ id: 'StoreAppDetail' });
export type TStoreAppDetail = z.infer<typeof ZStoreAppDetail>;

export const ZRatingInput = z.object({ stars: z.number().int().min(1).max(5) }).strict().meta({ id: 'RatingInput' });
export type TRatingInput = z.infer<typeof ZRatingInput>;
export const ZMyRating = z
  .object({ stars: z.number().int().min(1).max(5), updatedAt: z.string().datetime({ offset: true }), summary: ZRatingSummary })
  .meta({ id: 'MyRating' });
export type TMyRating = z.infer<typeof ZMyRating>;

export const ZComment = z
  .object({ id: z.string().uuid(), appId: z.string().uuid(), authorName: z.string(), body: z.string(), createdAt: z.string().datetime({ offset: true }) })
  .meta({ id: 'Comment' });
export type TComment = z.infer<typeof ZComment>;
export const ZCommentPage = ZPage(ZComment).meta({ id: 'CommentPage' });
export const ZCommentCreate = z.object({ body: z.string().trim().min(1).max(4000) }).strict().meta({ id: 'CommentCreate' });
export type TCommentCreate = z.infer<typeof ZCommentCreate>;
export const ZCommentQuery = ZPageQuery;
export type TCommentQuery = z.infer<typeof ZCommentQuery>;
export const ZCommentParams = z.object({ appId: z.string().uuid(), commentId: z.string().uuid() });
