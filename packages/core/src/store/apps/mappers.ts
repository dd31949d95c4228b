/** Database rows of apps and versions to the contracts' response shapes. */
import type { TApp, TAppVersion, TArchitecture, TAppVersionStatus } from '@mecport/contracts';
import { ZAppWorkload, ZValidationReport } from '@mecport/contracts';

export interface TAppRow {
  id: string; tenantId: string; slug: string; name: string; nameZh: string | null; provider: string; category: string; industry: string | null;
  tags: string[]; descriptionEn: string; descriptionZh: string; iconUrl: string | null; screenshots: unknown; videoUrl: string | null;
  createdBy: string; createdAt: Date; updatedAt: Date; downloadCount: number; ratingCount: number; ratingSum: number; experienceable: boolean;
}

export interface TAppVersionRow {
  id: string; appId: string; version: string; status: string; packageDigest: string; packageSize: bigint; appd: unknown; appdId: string;
  architecture: string; validationReport: unknown; workload?: unknown; createdAt: Date; certifiedAt: Date | null; publishedAt: Date | null; deprecatedAt: Date | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toApp(row: TAppRow): TApp {
  const screenshots = Array.isArray(row.screenshots) ? row.screenshots.filter((s): s is string => typeof s === 'string') : [];
  return {
    id: row.id, slug: row.slug, name: row.name, nameZh: row.nameZh, provider: row.provider, category: row.category as TApp['category'], industry: row.industry,
    tags: row.tags, descriptionEn: row.descriptionEn, descriptionZh: row.descriptionZh, iconUrl: row.iconUrl, screenshots, videoUrl: row.videoUrl, experienceable: row.experienceable,
    createdBy: row.createdBy, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}

/** Counts of pass / warn / fail in a stored validation report (an unreadable report counts nothing). */
export function validationCounts(report: unknown): TAppVersion['validation'] {
  const parsed = ZValidationReport.safeParse(report);
  const counts = { pass: 0, warn: 0, fail: 0 };
  if (parsed.success) for (const check of parsed.data.checks) counts[check.status] += 1;
  return counts;
}

export function toAppVersion(row: TAppVersionRow): TAppVersion {
  return {
    id: row.id, appId: row.appId, version: row.version, status: row.status as TAppVersionStatus, packageDigest: row.packageDigest,
    packageSize: Number(row.packageSize), appdId: row.appdId, architecture: row.architecture as TArchitecture, validation: validationCounts(row.validationReport),
    createdAt: row.createdAt.toISOString(), certifiedAt: iso(row.certifiedAt), publishedAt: iso(row.publishedAt), deprecatedAt: iso(row.deprecatedAt),
    workload: workloadOf(row.workload),
  };
}

/** The version's stored workload; null until read (or when it no longer validates). */
function workloadOf(stored: unknown): TAppVersion['workload'] {
  const parsed = ZAppWorkload.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
