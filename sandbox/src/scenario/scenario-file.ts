/**
 * The shape of a scenario's YAML file: `TScenario` (@mecport/contracts/sandbox) with every
 * coordinate replaced by the id of a feature in the GeoJSON file the YAML names (`geo:`). POAs and
 * MEC nodes name a Point (`feature`, default: their own id), UEs and UE groups LineStrings
 * (`path`, `paths`; a UE may name a Point and stand still), zones optionally a Polygon
 * (`outline`). The rest is checked here only as far as the YAML's shape goes; `resolve-scenario.ts`
 * validates the resolved scenario against ZScenario.
 */
import { z } from 'zod';

const ZFeatureRef = z.string().min(1).max(200);

const ZPoaEntry = z.looseObject({ id: z.string(), feature: ZFeatureRef.optional() });
const ZZoneEntry = z.looseObject({ id: z.string(), outline: ZFeatureRef.optional(), pointsOfAccess: z.array(ZPoaEntry) });
const ZDomainEntry = z.looseObject({ zones: z.array(ZZoneEntry) });

export const ZScenarioFile = z.looseObject({
  /** The GeoJSON file, relative to the YAML file. */
  geo: z.string().regex(/^[A-Za-z0-9._-]+\.geojson$/, 'a file name beside the YAML, ending in .geojson'),
  view: z.looseObject({ center: z.union([ZFeatureRef, z.array(z.number())]) }),
  domains: z.array(ZDomainEntry),
  mecNodes: z.array(z.looseObject({ id: z.string(), feature: ZFeatureRef.optional() })),
  ues: z.array(z.looseObject({ path: ZFeatureRef })).default([]),
  ueGroups: z.array(z.looseObject({ paths: z.array(ZFeatureRef).min(1) })).default([]),
});
export type TScenarioFile = z.infer<typeof ZScenarioFile>;
