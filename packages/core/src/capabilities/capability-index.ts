/**
 * Every capability the catalog knows, as summaries: the five platform capabilities, and the
 * third-party services that published apps produce or that the caller's tenant's nodes report now,
 * each with its curation applied. Built per request from three queries (usage aggregates, live
 * services, curations); hidden capabilities are left out unless the caller curates.
 */
import type { TCapabilityCuration, TCapabilitySummary, TRole } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { capabilityId } from './capability-id';
import { canCurate, curationKey, NO_CURATION, readCurations } from './curation';
import { liveServiceNodes, type TLiveOptions } from './live-providers';
import { mecSpecSummary } from './mec-specs';
import { PLATFORM_CAPABILITY_DEFS, PLATFORM_CATEGORY, platformBySerName, type TPlatformCapabilityDef } from './platform-capabilities';
import { usageAggregates, type TUsageAggregate } from './service-usage';

export const OTHER_CATEGORY = 'Other';

/** Who reads: the tenant (for its live nodes) and the roles (curators see hidden capabilities). */
export interface TCatalogCaller { tenant: { id: string }; roles: readonly TRole[] }

interface TCounts { producers: number; consumers: number; versions: Set<string>; category: string | null; liveNodes: Set<string> }

function curated(summary: Omit<TCapabilitySummary, 'id' | 'featured' | 'hidden' | 'deprecated'>, curation: TCapabilityCuration): TCapabilitySummary {
  return {
    id: capabilityId(summary.kind, summary.name),
    ...summary,
    description: curation.descriptionEn || summary.description,
    descriptionZh: curation.descriptionZh || summary.descriptionZh,
    featured: curation.featured, hidden: curation.hidden, deprecated: curation.deprecated,
  };
}

function platformSummary(def: TPlatformCapabilityDef, counts: TCounts | undefined, curation: TCapabilityCuration): TCapabilitySummary {
  return curated({
    kind: 'platform', name: def.name, title: def.title, titleZh: def.titleZh, description: def.description, descriptionZh: def.descriptionZh,
    category: PLATFORM_CATEGORY, serNames: def.serNames, versions: [...new Set(def.specs.map((id) => mecSpecSummary(id).version))],
    emulated: def.emulated, producers: 0, consumers: counts?.consumers ?? 0, liveNodes: counts?.liveNodes.size ?? 0,
  }, curation);
}

function serviceSummary(serName: string, counts: TCounts, curation: TCapabilityCuration): TCapabilitySummary {
  return curated({
    kind: 'service', name: serName, title: serName, titleZh: serName, description: '', descriptionZh: '',
    category: counts.category ?? OTHER_CATEGORY, serNames: [serName], versions: [...counts.versions].sort(),
    emulated: null, producers: counts.producers, consumers: counts.consumers, liveNodes: counts.liveNodes.size,
  }, curation);
}

/** Usage and live counts keyed by platform name (`platform/location`) or exact serName (`service/x`). */
function countsByKey(aggregates: TUsageAggregate[], live: Awaited<ReturnType<typeof liveServiceNodes>>): { counts: Map<string, TCounts>; services: Set<string> } {
  const counts = new Map<string, TCounts>();
  const services = new Set<string>();
  const keyOf = (serName: string) => {
    const platform = platformBySerName(serName);
    return platform ? curationKey('platform', platform.name) : curationKey('service', serName);
  };
  const entry = (key: string) => {
    let c = counts.get(key);
    if (!c) counts.set(key, (c = { producers: 0, consumers: 0, versions: new Set(), category: null, liveNodes: new Set() }));
    return c;
  };
  for (const a of aggregates) {
    const key = keyOf(a.serName);
    const c = entry(key);
    if (a.role === 'produced') {
      c.producers += a.apps;
      a.versions.forEach((v) => c.versions.add(v));
      c.category ??= a.category;
      if (key.startsWith('service/')) services.add(a.serName);
    } else {
      c.consumers += a.apps;
    }
  }
  for (const [serName, l] of live) {
    const key = keyOf(serName);
    const c = entry(key);
    l.nodes.forEach((n) => c.liveNodes.add(n));
    l.versions.forEach((v) => c.versions.add(v));
    if (key.startsWith('service/')) services.add(serName);
  }
  // A service spelled differently in a consumer's AppD still counts its consumers once found.
  for (const a of aggregates) {
    if (a.role === 'produced' || platformBySerName(a.serName) || services.has(a.serName)) continue;
    const match = [...services].find((s) => s.toLowerCase() === a.serName.toLowerCase());
    if (match) entry(curationKey('service', match)).consumers += a.apps;
  }
  return { counts, services };
}

export async function capabilitySummaries(db: DbClient, caller: TCatalogCaller, options: TLiveOptions): Promise<TCapabilitySummary[]> {
  const [aggregates, live, curations] = await Promise.all([usageAggregates(db), liveServiceNodes(db, caller.tenant.id, options), readCurations(db)]);
  const { counts, services } = countsByKey(aggregates, live);
  const curationOf = (key: string) => curations.get(key) ?? NO_CURATION;
  const all = [
    ...PLATFORM_CAPABILITY_DEFS.map((def) => platformSummary(def, counts.get(curationKey('platform', def.name)), curationOf(curationKey('platform', def.name)))),
    ...[...services].map((s) => serviceSummary(s, counts.get(curationKey('service', s))!, curationOf(curationKey('service', s)))),
  ];
  return canCurate(caller) ? all : all.filter((c) => !c.hidden);
}
