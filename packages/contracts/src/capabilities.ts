/**
 * The API-capability catalog (issue 13), `/api/v1/capabilities/...`: the MEC platform services
 * (MEC 011, 012, 013, 014, 015, with their official OpenAPI documents) and the third-party services
 * that published apps produce (AppD `appServiceProduced`) or that agents report registered now.
 * Any signed-in user reads; store admins curate (feature, hide, describe, deprecate).
 *
 *   GET /api/v1/capabilities                              search and categories (ZCapabilityPage)
 *   GET /api/v1/capabilities/{capabilityId}               one capability with used-by, provided-by, live nodes
 *   PUT /api/v1/capabilities/{capabilityId}/curation      store admins: the curation (ZCapabilityCurationInput)
 *   GET /api/v1/capability-specs/{specId}                 an official MEC OpenAPI document as JSON
 *
 * A capability is named by `kind` and `name` (`platform/location`, or `service/<serName>`); its id is
 * the name-based UUID (v5) of `kind/name`, stable without a row.
 */
import { z } from 'zod';
import { ZPage, ZPageQuery } from './pagination';

export const CAPABILITY_KINDS = ['platform', 'service'] as const;
export const ZCapabilityKind = z.enum(CAPABILITY_KINDS);
export type TCapabilityKind = z.infer<typeof ZCapabilityKind>;

/** The MEC platform capabilities, one per ETSI group specification (MEC 011 and MEC 015 carry two APIs each). */
export const PLATFORM_CAPABILITIES = ['mp1', 'rnis', 'location', 'ue-identity', 'bwm'] as const;
export type TPlatformCapability = (typeof PLATFORM_CAPABILITIES)[number];

/** The official OpenAPI documents the catalog vendors (packages/core/src/capabilities/specs). */
export const MEC_SPEC_IDS = ['mec011-app-support', 'mec011-service-mgmt', 'mec012-rnis', 'mec013-location', 'mec014-ue-identity', 'mec015-bwm', 'mec015-mts'] as const;
export const ZMecSpecId = z.enum(MEC_SPEC_IDS);
export type TMecSpecId = z.infer<typeof ZMecSpecId>;

export const ZCapabilityParams = z.object({ capabilityId: z.uuid() });
export type TCapabilityParams = z.infer<typeof ZCapabilityParams>;
export const ZCapabilitySpecParams = z.object({ specId: ZMecSpecId });

export const ZCapabilityQuery = ZPageQuery.extend({
  q: z.string().trim().max(200).optional().describe('Words in the name, the serName or the description (English or Chinese)'),
  category: z.string().trim().min(1).max(100).optional(),
  kind: ZCapabilityKind.optional(),
});
export type TCapabilityQuery = z.infer<typeof ZCapabilityQuery>;
export type TCapabilityQueryInput = z.input<typeof ZCapabilityQuery>;

const ZCuratedText = z.string().max(4000).refine((s) => !s.includes('\u0000'), 'must not contain a NUL character (U+0000)');

export const ZCapabilityCurationInput = z.object({
  featured: z.boolean(),
  hidden: z.boolean().describe('Hidden capabilities are visible to store admins only'),
  deprecated: z.boolean(),
  descriptionEn: ZCuratedText.describe('Plain text; empty falls back to the default description'),
  descriptionZh: ZCuratedText,
}).meta({ id: 'CapabilityCurationInput' });
export type TCapabilityCurationInput = z.infer<typeof ZCapabilityCurationInput>;

export const ZCapabilityCuration = ZCapabilityCurationInput.extend({
  updatedAt: z.iso.datetime().nullable(),
  updatedBy: z.string().nullable().describe('The store admin\'s name'),
}).meta({ id: 'CapabilityCuration' });
export type TCapabilityCuration = z.infer<typeof ZCapabilityCuration>;

export const ZCapabilitySpec = z.object({
  id: ZMecSpecId,
  title: z.string(),
  version: z.string().describe('The document\'s info.version'),
  standard: z.string().describe('e.g. ETSI GS MEC 013'),
  basePath: z.string().describe('e.g. /location/v2'),
  operationCount: z.int(),
  deprecatedOperations: z.int(),
}).meta({ id: 'CapabilitySpec' });
export type TCapabilitySpec = z.infer<typeof ZCapabilitySpec>;

export const ZCapabilitySummary = z.object({
  id: z.uuid().describe('The name-based UUID (v5) of `kind/name`'),
  kind: ZCapabilityKind,
  name: z.string().describe('The platform capability (e.g. `location`) or the service\'s serName'),
  title: z.string(),
  titleZh: z.string(),
  description: z.string().describe('The curated English description, else the default one'),
  descriptionZh: z.string(),
  category: z.string(),
  serNames: z.array(z.string()).describe('serNames an AppD uses for it'),
  versions: z.array(z.string()).describe('Spec versions (platform) or produced service versions'),
  featured: z.boolean(),
  hidden: z.boolean(),
  deprecated: z.boolean(),
  /** Platform: whether the sandbox emulates it; services: null. */
  emulated: z.boolean().nullable(),
  producers: z.int().describe('Published apps producing it'),
  consumers: z.int().describe('Published apps requiring it'),
  liveNodes: z.int().describe('The caller\'s tenant\'s online nodes whose agent reports it registered'),
}).meta({ id: 'CapabilitySummary' });
export type TCapabilitySummary = z.infer<typeof ZCapabilitySummary>;

export const ZCapabilityCategory = z.object({ category: z.string(), count: z.int() });
export const ZCapabilityPage = ZPage(ZCapabilitySummary).extend({
  categories: z.array(ZCapabilityCategory).describe('Every category visible to the caller, with counts (before the category filter)'),
}).meta({ id: 'CapabilityPage' });
export type TCapabilityPage = z.infer<typeof ZCapabilityPage>;

export const ZCapabilityAppRef = z.object({
  appId: z.uuid(),
  appName: z.string(),
  appNameZh: z.string().nullable(),
  version: z.string().describe('The app\'s latest published version'),
  serVersion: z.string().describe('The service version its AppD names'),
  optional: z.boolean().describe('Used-by only: appServiceOptional rather than appServiceRequired'),
});
export type TCapabilityAppRef = z.infer<typeof ZCapabilityAppRef>;

export const ZCapabilityLiveProvider = z.object({
  nodeId: z.uuid(),
  nodeName: z.string(),
  serName: z.string(),
  serInstanceId: z.string(),
  version: z.string(),
  state: z.enum(['ACTIVE', 'INACTIVE']),
  appInstanceId: z.string(),
  appName: z.string().nullable(),
  lastHeartbeatAt: z.iso.datetime(),
});
export type TCapabilityLiveProvider = z.infer<typeof ZCapabilityLiveProvider>;

export const ZCapabilityDetail = ZCapabilitySummary.extend({
  specs: z.array(ZCapabilitySpec),
  usedBy: z.array(ZCapabilityAppRef),
  providedBy: z.array(ZCapabilityAppRef),
  liveProviders: z.array(ZCapabilityLiveProvider),
  curation: ZCapabilityCuration,
}).meta({ id: 'CapabilityDetail' });
export type TCapabilityDetail = z.infer<typeof ZCapabilityDetail>;

/** An official OpenAPI 3.0 or 3.1 document, as parsed from its YAML (local `$ref`s kept). */
export const ZMecSpecDocument = z.record(z.string(), z.unknown()).meta({ id: 'MecSpecDocument' });
