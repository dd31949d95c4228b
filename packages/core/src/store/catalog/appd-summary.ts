/**
 * Summarises a stored MEC 010-2 AppD projection for the store's app page. Reads leniently: the
 * codec produced and validated the AppD, so unexpected shapes degrade to nulls, never to errors.
 */
import type { TAppdSummary } from '@mecport/contracts';

type TObj = Record<string, unknown>;
const obj = (v: unknown): TObj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as TObj) : {});
const arr = (v: unknown): TObj[] => (Array.isArray(v) ? v.map(obj) : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function serviceRef(s: TObj) {
  const category = obj(s.serCategory);
  return { serName: str(s.serName) ?? '(unnamed)', version: str(s.version) ?? '', category: str(category.name) ?? str(category.id) };
}

export function summarizeAppd(appd: unknown, fallbackAppdId: string): TAppdSummary {
  const d = obj(appd);
  return {
    appDId: str(d.appDId) ?? fallbackAppdId,
    appName: str(d.appName),
    appProvider: str(d.appProvider),
    appSoftVersion: str(d.appSoftVersion),
    appDVersion: str(d.appDVersion),
    mecVersion: Array.isArray(d.mecVersion) ? d.mecVersion.filter((v): v is string => typeof v === 'string') : [],
    servicesRequired: [
      ...arr(d.appServiceRequired).map((s) => ({ ...serviceRef(s), optional: false })),
      ...arr(d.appServiceOptional).map((s) => ({ ...serviceRef(s), optional: true })),
    ],
    servicesProduced: arr(d.appServiceProduced).map(serviceRef),
    trafficRules: arr(d.appTrafficRule).map((r) => ({
      trafficRuleId: str(r.trafficRuleId) ?? '(unnamed)', filterType: str(r.filterType), priority: num(r.priority), action: str(r.action),
      filters: Array.isArray(r.trafficFilter) ? r.trafficFilter.length : 0,
    })),
    dnsRules: arr(d.appDNSRule).map((r) => ({
      dnsRuleId: str(r.dnsRuleId) ?? '(unnamed)', domainName: str(r.domainName) ?? '', ipAddressType: str(r.ipAddressType), ipAddress: str(r.ipAddress), ttl: num(r.ttl),
    })),
    maxLatencyNs: num(obj(d.appLatency).maxLatency),
  };
}
