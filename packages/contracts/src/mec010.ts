/**
 * ETSI GS MEC 010-2 v2.1.1 application package management (`/app_pkgm/v1`), the read-only
 * northbound for MEC orchestrators: AppPkgInfo and the AppD as the spec's OpenAPI names them
 * (note `appSoftwareVersion` in AppPkgInfo but `appSoftVersion` in the AppD, and `_links.appPkgContent`).
 */
import { z } from 'zod';

export const MEC010_BASE_PATH = '/app_pkgm/v1';

export const ZMec010LinkType = z.object({ href: z.string().url().describe('Absolute URI of the resource') });

/** NFV SOL005 `VnfPackageSoftwareImageInfo`-like entry; the spec leaves AppPkgSWImageInfo "TBD". */
export const ZMec010SoftwareImage = z
  .object({
    id: z.string(),
    name: z.string(),
    provider: z.string(),
    version: z.string(),
    checksum: z.object({ algorithm: z.string(), hash: z.string() }).optional(),
    containerFormat: z.string().optional(),
    diskFormat: z.string().optional(),
    minDisk: z.number().optional().describe('GB'),
    minRam: z.number().optional().describe('MB'),
    size: z.number().optional().describe('GB'),
    imagePath: z.string().optional().describe('Path of the image inside the package'),
  })
  .meta({ id: 'Mec010SoftwareImage' });

export const MEC010_ONBOARDING_STATES = ['CREATED', 'UPLOADING', 'PROCESSING', 'ONBOARDED'] as const;
export const MEC010_OPERATIONAL_STATES = ['ENABLED', 'DISABLED'] as const;
export const MEC010_USAGE_STATES = ['IN_USE', 'NOT_IN_USE'] as const;

export const ZMec010AppPkgInfo = z
  .object({
    id: z.string().describe('Identifier of the application package: the MECport app version id'),
    appDId: z.string(),
    appProvider: z.string().optional(),
    appName: z.string(),
    appSoftwareVersion: z.string(),
    appDVersion: z.string(),
    checksum: z.object({ algorithm: z.string().describe('SHA-256'), hash: z.string().describe('Lower-case hex digest of the package file') }),
    softwareImages: z.array(ZMec010SoftwareImage).describe('Derived from the AppD\'s swImageDescriptor (empty when it has none)'),
    additionalArtifacts: z.array(z.record(z.string(), z.unknown())).optional(),
    onboardingState: z.enum(MEC010_ONBOARDING_STATES),
    operationalState: z.enum(MEC010_OPERATIONAL_STATES),
    usageState: z.enum(MEC010_USAGE_STATES),
    userDefinedData: z.record(z.string(), z.unknown()).optional().describe('MECport attributes: storeAppId, architecture, certified, publishedAt, packageSize'),
    _links: z.object({ self: ZMec010LinkType, appD: ZMec010LinkType, appPkgContent: ZMec010LinkType }),
  })
  .meta({ id: 'Mec010AppPkgInfo', description: 'MEC 010-2 AppPkgInfo (clause 6.2.3.3)' });
export type TMec010AppPkgInfo = z.infer<typeof ZMec010AppPkgInfo>;

export const ZMec010AppPkgInfoList = z.array(ZMec010AppPkgInfo).meta({ id: 'Mec010AppPkgInfoList' });

/**
 * The AppD as stored (the codec's MEC 010-2 projection). Only the identity members are checked
 * here; the rest passes through untouched.
 */
export const ZMec010AppD = z
  .looseObject({
    appDId: z.string(),
    appName: z.string(),
    appProvider: z.string(),
    appSoftVersion: z.string(),
    appDVersion: z.string(),
    appDescription: z.string().optional(),
    mecVersion: z.array(z.string()).optional(),
  })
  .meta({ id: 'Mec010AppD', description: 'MEC 010-2 AppD (clause 6.2.1.2) as JSON; virtualComputeDescriptor and swImageDescriptor carry the NFV structure the spec\'s placeholder strings refer to' });

export type TMec010AppD = z.infer<typeof ZMec010AppD>;

/** Attribute-based filtering (MEC 009 / NFV SOL013 §5.2) and attribute selectors (§5.3). */
export const ZMec010AppPackagesQuery = z.object({
  filter: z.string().max(2000).optional().describe('e.g. `(eq,appName,Edge Video Analytics)`; expressions joined by `;` all apply. Operators eq, neq, in, nin, cont, ncont; attributes id, appDId, appProvider, appName, appSoftwareVersion, appDVersion, onboardingState, operationalState, usageState, checksum/algorithm, checksum/hash, userDefinedData/architecture, userDefinedData/storeAppId'),
  all_fields: z.string().max(100).optional().describe('Flag (its value is ignored): every attribute (also the default)'),
  fields: z.string().max(500).optional().describe('Comma-separated optional complex attributes to include (userDefinedData, additionalArtifacts); the others are left out'),
  exclude_fields: z.string().max(500).optional().describe('Comma-separated optional complex attributes to leave out'),
  exclude_default: z.string().max(100).optional().describe('Flag (its value is ignored): leave out userDefinedData and additionalArtifacts'),
});
export type TMec010AppPackagesQuery = z.infer<typeof ZMec010AppPackagesQuery>;

export const ZMec010AppPkgParams = z.object({ appPkgId: z.string().uuid().describe('The app version id (AppPkgInfo.id)') });
