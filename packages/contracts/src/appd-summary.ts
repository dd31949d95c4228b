/**
 * What the store shows of a version's AppD (the MEC 010-2 AppD projection the package codec
 * produces): identity, required and produced services, traffic and DNS rules, latency.
 * Field names follow MEC 010-2 (`serName`, `trafficRuleId`, `dnsRuleId`, ...).
 */
import { z } from 'zod';

const ZServiceRef = z.object({
  serName: z.string(),
  version: z.string(),
  category: z.string().nullable().describe('serCategory.name (or id), when given'),
});

export const ZAppdSummary = z
  .object({
    appDId: z.string(),
    appName: z.string().nullable(),
    appProvider: z.string().nullable(),
    appSoftVersion: z.string().nullable(),
    appDVersion: z.string().nullable(),
    mecVersion: z.array(z.string()),
    servicesRequired: z.array(ZServiceRef.extend({ optional: z.boolean() })),
    servicesProduced: z.array(ZServiceRef),
    trafficRules: z.array(z.object({
      trafficRuleId: z.string(),
      filterType: z.string().nullable(),
      priority: z.number().nullable(),
      action: z.string().nullable(),
      filters: z.number().int().describe('Number of traffic filters'),
    })),
    dnsRules: z.array(z.object({
      dnsRuleId: z.string(),
      domainName: z.string(),
      ipAddressType: z.string().nullable(),
      ipAddress: z.string().nullable(),
      ttl: z.number().nullable(),
    })),
    maxLatencyNs: z.number().nullable().describe('appLatency.maxLatency, in nanoseconds'),
  })
  .meta({ id: 'AppdSummary' });
export type TAppdSummary = z.infer<typeof ZAppdSummary>;
