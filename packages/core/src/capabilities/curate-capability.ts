/** A store admin curates one capability that exists (a platform one, or a service apps produce or nodes report). */
import type { TCapabilityCuration, TCapabilityCurationInput, TCapabilityParams } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import type { TActor } from '../identity';
import { capabilityNotFound } from './capability-detail';
import { capabilitySummaries } from './capability-index';
import { writeCuration } from './curation';
import type { TLiveOptions } from './live-providers';

export async function curateCapability(
  db: DbClient, actor: TActor, params: TCapabilityParams, input: TCapabilityCurationInput, options: TLiveOptions, requestId?: string,
): Promise<TCapabilityCuration> {
  const summary = (await capabilitySummaries(db, actor, options)).find((c) => c.id === params.capabilityId);
  if (!summary) throw capabilityNotFound(params);
  return writeCuration(db, actor, summary, input, requestId);
}
