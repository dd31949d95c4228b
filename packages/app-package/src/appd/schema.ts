/**
 * The MEC 010-2 AppD JSON model (`components.schemas.AppD` of MEC010-2_AppPkgMgmt.yaml,
 * v2.1.1, clause 6.2.1.2) as zod schemas, `Z…` schemas and `T…` types.
 *
 * Where the published OpenAPI has a placeholder (`type: string`, "Ref NFV") the NFV IFA011 /
 * SOL001 structure is used instead, and v3.x additions are optional (see README, deviations):
 * virtualComputeDescriptor, swImageDescriptor, virtualStorageDescriptor, the op configs,
 * osContainerDescriptor. Unknown keys are stripped on parse.
 *
 * @example ZAppD.parse({ appDId: 'a', appName: 'n', appProvider: 'p', appSoftVersion: '1', appDVersion: '1', appDescription: '', mecVersion: ['3.2.1'] })
 */
import { z } from 'zod';

export const ZCategoryRef = z.object({ href: z.string().optional(), id: z.string().optional(), name: z.string().optional(), version: z.string().optional() });
export const ZSecurityInfo = z.object({ oAuth2Info: z.object({ grantTypes: z.array(z.string()).optional(), tokenEndpoint: z.string().optional() }).optional() });
export const ZTransportDescriptor = z.object({ type: z.string(), protocol: z.string(), version: z.string(), security: ZSecurityInfo.optional() });
export const ZTransportDependency = z.object({ transport: ZTransportDescriptor, serializers: z.array(z.string()).min(1), labels: z.array(z.string()).min(1) });
export const ZServiceDependency = z.object({
  serName: z.string(),
  version: z.string(),
  serCategory: ZCategoryRef.optional(),
  serTransportDependencies: z.array(ZTransportDependency).optional(),
  requestedPermissions: z.array(z.unknown()).optional(),
});
export const ZServiceDescriptor = z.object({
  serName: z.string(),
  version: z.string(),
  serCategory: ZCategoryRef.optional(),
  transportsSupported: z.array(z.object({ transport: ZTransportDescriptor, serializers: z.array(z.string()).min(1) })).optional(),
});
export const ZFeatureDependency = z.object({ featureName: z.string(), version: z.string() });
export const ZTrafficFilter = z.object({
  srcAddress: z.array(z.string()).optional(),
  dstAddress: z.array(z.string()).optional(),
  srcPort: z.array(z.string()).optional(),
  dstPort: z.array(z.string()).optional(),
  protocol: z.array(z.string()).optional(),
  tag: z.array(z.string()).optional(),
  srcTunnelAddress: z.array(z.string()).optional(),
  tgtTunnelAddress: z.array(z.string()).optional(),
  srcTunnelPort: z.array(z.string()).optional(),
  dstTunnelPort: z.array(z.string()).optional(),
  qCI: z.int().optional(),
  dSCP: z.int().optional(),
  tC: z.int().optional(),
});
export const ZTunnelInfo = z.object({ tunnelType: z.enum(['GTP-U', 'GRE']), tunnelDstAddress: z.string(), tunnelSrcAddress: z.string(), tunnelSpecificData: z.string().optional() });
export const ZInterfaceDescriptor = z.object({
  interfaceType: z.enum(['TUNNEL', 'MAC', 'IP']),
  tunnelInfo: ZTunnelInfo.optional(),
  srcMACAddress: z.string().optional(),
  dstMACAddress: z.string().optional(),
  dstIPAddress: z.string().optional(),
});
export const ZTrafficRuleDescriptor = z.object({
  trafficRuleId: z.string(),
  filterType: z.enum(['FLOW', 'PACKET']),
  priority: z.int(),
  trafficFilter: z.array(ZTrafficFilter).min(1),
  action: z.enum(['DROP', 'FORWARD_DECAPSULATED', 'FORWARD_AS_IS', 'PASSTHROUGH', 'DUPLICATED_DECAPSULATED', 'DUPLICATE_AS_IS']),
  dstInterface: z.array(ZInterfaceDescriptor).max(2).optional(),
});
export const ZDNSRuleDescriptor = z.object({ dnsRuleId: z.string(), domainName: z.string(), ipAddressType: z.enum(['IP_V6', 'IP_V4']), ipAddress: z.string(), ttl: z.int().optional() });
export const ZLatencyDescriptor = z.object({ maxLatency: z.int().min(0).max(0xffffffff) });
/** NFV IFA011 VirtualComputeDesc (the OpenAPI's "Ref NFV" placeholder). Memory in MB, clock in MHz. */
export const ZVirtualComputeDescription = z.object({
  virtualComputeDescId: z.string(),
  virtualCpu: z.object({ numVirtualCpu: z.int().positive(), cpuArchitecture: z.string().optional(), virtualCpuClock: z.number().positive().optional() }),
  virtualMemory: z.object({ virtualMemSize: z.number().positive() }),
});
/** NFV IFA011 SwImageDesc (placeholder in the OpenAPI). */
export const ZSwImageDescriptor = z.object({
  id: z.string().optional(),
  name: z.string(),
  version: z.string().optional(),
  checksum: z.object({ algorithm: z.string(), hash: z.string() }).optional(),
  containerFormat: z.string().optional(),
  diskFormat: z.string().optional(),
  minDisk: z.number().optional(),
  minRam: z.number().optional(),
  size: z.number().optional(),
  swImage: z.string().optional(),
  operatingSystem: z.string().optional(),
  supportedVirtualisationEnvironment: z.array(z.string()).optional(),
});
export const ZAppExternalCpd = z.object({ inherited_attributes: z.record(z.string(), z.unknown()), virtualNetworkInterfaceRequirements: z.array(z.unknown()).optional() });

export const ZAppD = z
  .object({
    appDId: z.string().min(1),
    appName: z.string().min(1),
    appProvider: z.string().min(1),
    appSoftVersion: z.string().min(1),
    appDVersion: z.string().min(1),
    mecVersion: z.array(z.string()).min(1),
    appInfoName: z.string().optional(),
    appDescription: z.string(),
    virtualComputeDescriptor: ZVirtualComputeDescription.optional(),
    osContainerDescriptor: z.array(z.record(z.string(), z.unknown())).min(1).optional(),
    swImageDescriptor: ZSwImageDescriptor.optional(),
    virtualStorageDescriptor: z.array(z.record(z.string(), z.unknown())).optional(),
    appExtCpd: z.array(ZAppExternalCpd).optional(),
    appServiceRequired: z.array(ZServiceDependency).optional(),
    appServiceOptional: z.array(ZServiceDependency).optional(),
    appServiceProduced: z.array(ZServiceDescriptor).optional(),
    appFeatureRequired: z.array(ZFeatureDependency).optional(),
    appFeatureOptional: z.array(ZFeatureDependency).optional(),
    transportDependencies: z.array(ZTransportDependency).optional(),
    appTrafficRule: z.array(ZTrafficRuleDescriptor).optional(),
    appDNSRule: z.array(ZDNSRuleDescriptor).optional(),
    appLatency: ZLatencyDescriptor.optional(),
    terminateAppInstanceOpConfig: z.record(z.string(), z.unknown()).optional(),
    changeAppInstanceStateOpConfig: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((appd, ctx) => {
    // MEC 010-2 v3.x: exactly one of virtualComputeDescriptor / osContainerDescriptor.
    if (!appd.virtualComputeDescriptor === !appd.osContainerDescriptor) {
      ctx.addIssue({ code: 'custom', path: ['virtualComputeDescriptor'], message: 'exactly one of virtualComputeDescriptor or osContainerDescriptor is required' });
    }
  });

export type TAppD = z.infer<typeof ZAppD>;

/** The AppD fields that are lists (`z.array`, optional or not), read from `ZAppD` itself. */
export const APPD_LIST_FIELDS: readonly string[] = Object.entries(ZAppD.shape)
  .filter(([, field]) => (field instanceof z.ZodOptional ? field.unwrap() : field) instanceof z.ZodArray)
  .map(([name]) => name);

/**
 * A YAML key whose list items are all commented out (`appServiceRequired:` and nothing under
 * it) reads as null; its author meant an empty list. Turns null into `[]` for the list fields
 * of the AppD (and only those), in place.
 */
export function emptyNullLists(draft: Record<string, unknown>): void {
  for (const name of APPD_LIST_FIELDS) if (draft[name] === null) draft[name] = [];
}
export type TTrafficRuleDescriptor = z.infer<typeof ZTrafficRuleDescriptor>;
export type TDNSRuleDescriptor = z.infer<typeof ZDNSRuleDescriptor>;
