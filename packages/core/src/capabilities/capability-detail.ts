/**
 * One capability's page: its summary, the official specs (platform), the published apps that
 * require or may use it ("used by"), those that produce it ("provided by"), the caller's tenant's
 * nodes whose agents report it registered now, and its curation. A hidden capability is a 404 to
 * anyone who does not curate.
 */
import { AppError, type TCapabilityAppRef, type TCapabilityDetail, type TCapabilityParams } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { capabilitySummaries, type TCatalogCaller } from './capability-index';
import { curationKey, NO_CURATION, readCurations } from './curation';
import { liveProvidersOf, type TLiveOptions } from './live-providers';
import { mecSpecSummary } from './mec-specs';
import { platformCapability } from './platform-capabilities';
import { usageOf, type TUsageRow } from './service-usage';

export function capabilityNotFound(params: TCapabilityParams): AppError {
  return new AppError('not-found', `No capability ${params.capabilityId} in the catalog`, { extensions: { resource: 'capability', resourceId: params.capabilityId } });
}

const appRef = (r: TUsageRow): TCapabilityAppRef => ({
  appId: r.appId, appName: r.appName, appNameZh: r.appNameZh, version: r.version, serVersion: r.serVersion, optional: r.role === 'optional',
});

export async function getCapability(db: DbClient, caller: TCatalogCaller, params: TCapabilityParams, options: TLiveOptions): Promise<TCapabilityDetail> {
  const summary = (await capabilitySummaries(db, caller, options)).find((c) => c.id === params.capabilityId);
  if (!summary) throw capabilityNotFound(params);
  const platform = summary.kind === 'platform' ? platformCapability(summary.name) : undefined;
  const [usage, liveProviders, curations] = await Promise.all([
    usageOf(db, summary.serNames),
    liveProvidersOf(db, caller.tenant.id, summary.serNames, options),
    readCurations(db),
  ]);
  return {
    ...summary,
    specs: platform ? platform.specs.map(mecSpecSummary) : [],
    usedBy: usage.filter((u) => u.role !== 'produced').map(appRef),
    providedBy: usage.filter((u) => u.role === 'produced').map(appRef),
    liveProviders,
    curation: curations.get(curationKey(summary.kind, summary.name)) ?? NO_CURATION,
  };
}
