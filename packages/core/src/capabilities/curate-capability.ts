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
  const exists = (await capabilitySummaries(db, actor, options)).some((c) => c.kind === params.kind && c.name === params.name);
  if (!exists) throw capabilityNotFound(params);
  return writeCuration(db, actor, params, input, requestId);
}
