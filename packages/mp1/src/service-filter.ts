/**
 * Which services a discovery query (`GET /services`) or an availability subscription's
 * filteringCriteria selects. Both AND their attributes; the three ways of naming services
 * (instance ids, names, category) are mutually exclusive.
 */
import { z } from 'zod';
import { type TLocalityType, type TSerAvailabilityFilteringCriteria, type TServiceInfo, type TServiceState, ZLocalityType } from '@mecport/contracts/mec011';

/**
 * A list parameter: repeated keys (`?ser_name=a&ser_name=b`, OpenAPI's default form/explode)
 * or comma-separated values (`?ser_name=a,b`, as many MEC clients send it).
 */
const zList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).filter((s) => s !== ''));
const zBooleanText = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

export const ZServiceQuery = z
  .object({
    ser_instance_id: zList.optional(),
    ser_name: zList.optional(),
    ser_category_id: z.string().min(1).optional(),
    consumed_local_only: zBooleanText.optional(),
    is_local: zBooleanText.optional(),
    scope_of_locality: ZLocalityType.optional(),
  })
  .strict()
  .refine((q) => [q.ser_instance_id, q.ser_name, q.ser_category_id].filter((v) => v !== undefined).length <= 1, {
    message: 'ser_instance_id, ser_name and ser_category_id are mutually exclusive: give at most one of them',
  });
export type TServiceQuery = z.infer<typeof ZServiceQuery>;

/** What the MEP fills in when the producer leaves them out (scopeOfLocality defaults to MEC_HOST per the spec). */
export function withServiceDefaults(info: TServiceInfo): TServiceInfo {
  return { ...info, scopeOfLocality: info.scopeOfLocality ?? 'MEC_HOST', consumedLocalOnly: info.consumedLocalOnly ?? false, isLocal: info.isLocal ?? true };
}

export function matchesQuery(service: TServiceInfo, query: TServiceQuery): boolean {
  if (query.ser_instance_id && !query.ser_instance_id.includes(service.serInstanceId)) return false;
  if (query.ser_name && !query.ser_name.includes(service.serName)) return false;
  if (query.ser_category_id !== undefined && service.serCategory?.id !== query.ser_category_id) return false;
  if (query.consumed_local_only !== undefined && (service.consumedLocalOnly ?? false) !== query.consumed_local_only) return false;
  if (query.is_local !== undefined && (service.isLocal ?? true) !== query.is_local) return false;
  if (query.scope_of_locality !== undefined && (service.scopeOfLocality ?? 'MEC_HOST') !== (query.scope_of_locality as TLocalityType)) return false;
  return true;
}

/** `state` is the service's state after the change being reported. Absent criteria match every service. */
export function matchesCriteria(service: TServiceInfo, criteria: TSerAvailabilityFilteringCriteria | undefined, state: TServiceState = service.state): boolean {
  if (!criteria) return true;
  if (criteria.serInstanceIds && !criteria.serInstanceIds.includes(service.serInstanceId)) return false;
  if (criteria.serNames && !criteria.serNames.includes(service.serName)) return false;
  if (criteria.serCategories && !criteria.serCategories.some((c) => c.id === service.serCategory?.id)) return false;
  if (criteria.states && !criteria.states.includes(state)) return false;
  if (criteria.isLocal !== undefined && (service.isLocal ?? true) !== criteria.isLocal) return false;
  return true;
}
