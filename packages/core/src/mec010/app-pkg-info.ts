/**
 * One published app version as a MEC 010-2 AppPkgInfo. The AppD projection stored with the
 * version supplies the descriptor's identity; the package digest is the checksum.
 *
 * @example toAppPkgInfo({ version, app }, 'https://portal.example/app_pkgm/v1')
 */
import type { TMec010AppPkgInfo } from '@mecport/contracts';

type TObj = Record<string, unknown>;
const obj = (v: unknown): TObj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as TObj) : null);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export interface TPublishedVersionRow {
  id: string; version: string; packageDigest: string; packageSize: bigint; appd: unknown; appdId: string; architecture: string;
  publishedAt: Date | null; certifiedAt: Date | null;
  app: { id: string; name: string; provider: string };
}

/** AppPkgSWImageInfo entries from the AppD's swImageDescriptor (one object, or a list; placeholder strings give none). */
export function softwareImagesOf(appd: TObj, fallback: { id: string; provider: string; version: string }): TMec010AppPkgInfo['softwareImages'] {
  const raw = appd.swImageDescriptor;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.flatMap((entry, index) => {
    const d = obj(entry);
    if (!d) return [];
    const id = str(d.id) ?? `${fallback.id}-image-${index + 1}`;
    const checksum = obj(d.checksum);
    const algorithm = str(checksum?.algorithm);
    const hash = str(checksum?.hash);
    return [{
      id, name: str(d.name) ?? id, provider: fallback.provider, version: str(d.version) ?? fallback.version,
      ...(algorithm && hash ? { checksum: { algorithm, hash } } : {}),
      ...(str(d.containerFormat) ? { containerFormat: str(d.containerFormat) } : {}),
      ...(str(d.diskFormat) ? { diskFormat: str(d.diskFormat) } : {}),
      ...(num(d.minDisk) !== undefined ? { minDisk: num(d.minDisk) } : {}),
      ...(num(d.minRam) !== undefined ? { minRam: num(d.minRam) } : {}),
      ...(num(d.size) !== undefined ? { size: num(d.size) } : {}),
      ...(str(d.swImage) ? { imagePath: str(d.swImage) } : {}),
    }];
  });
}

/** Absolute links: LinkType.href is `format: uri` in the spec. */
export function appPkgLinks(baseUrl: string, id: string): TMec010AppPkgInfo['_links'] {
  const self = `${baseUrl}/app_packages/${id}`;
  return { self: { href: self }, appD: { href: `${self}/appd` }, appPkgContent: { href: `${self}/package_content` } };
}

export function toAppPkgInfo(row: TPublishedVersionRow, baseUrl: string): TMec010AppPkgInfo {
  const appd = obj(row.appd) ?? {};
  const appProvider = str(appd.appProvider) ?? row.app.provider;
  const appSoftwareVersion = str(appd.appSoftVersion) ?? row.version;
  return {
    id: row.id,
    appDId: str(appd.appDId) ?? row.appdId,
    appProvider,
    appName: str(appd.appName) ?? row.app.name,
    appSoftwareVersion,
    appDVersion: str(appd.appDVersion) ?? appSoftwareVersion,
    checksum: { algorithm: 'SHA-256', hash: row.packageDigest },
    softwareImages: softwareImagesOf(appd, { id: row.id, provider: appProvider, version: appSoftwareVersion }),
    // Published (and not deprecated) versions only: the store validated and onboarded them, and they may be instantiated.
    onboardingState: 'ONBOARDED',
    operationalState: 'ENABLED',
    // MECport deploys nothing yet; the lifecycle issue derives IN_USE from app instances.
    usageState: 'NOT_IN_USE',
    userDefinedData: {
      storeAppId: row.app.id,
      architecture: row.architecture,
      certified: row.certifiedAt !== null,
      packageSize: Number(row.packageSize),
      ...(row.publishedAt ? { publishedAt: row.publishedAt.toISOString() } : {}),
    },
    _links: appPkgLinks(baseUrl, row.id),
  };
}
