/**
 * A sandbox scenario as the engine runs it (issue 13): AdvantEDGE's hierarchy cut to what a MEC
 * site needs (STANDARDS.md §4): domain -> zone -> point of access (POA), MEC nodes serving zones,
 * UEs moving along paths at speeds, network characteristics per zone and POA, scripted events.
 *
 * On disk a scenario is a YAML file plus a GeoJSON file it names (sandbox/scenarios/); the loader
 * resolves the GeoJSON's features into the coordinates below, so this is the one model every
 * reader (engine, emulated APIs, portal map, certification) shares. Coordinates are [lon, lat]
 * (GeoJSON order); distances in metres; times in seconds on the sandbox clock.
 */
import { z } from 'zod';

export const ZLngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
export type TLngLat = z.infer<typeof ZLngLat>;

/** Text in both of the portal's languages. */
export const ZBilingualText = z.object({ en: z.string().min(1).max(2000), 'zh-CN': z.string().min(1).max(2000) });
export type TBilingualText = z.infer<typeof ZBilingualText>;

const ZScenarioId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes');
const ZElementId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'letters, digits, dot, dash, underscore');

/** AdvantEDGE's NetworkCharacteristics, in the units a reader expects. */
export const ZNetChar = z.object({
  latencyMs: z.number().min(0).max(10_000).default(0),
  latencyVariationMs: z.number().min(0).max(10_000).default(0),
  throughputDlMbps: z.number().min(0).max(100_000).default(1000),
  throughputUlMbps: z.number().min(0).max(100_000).default(1000),
  packetLossPct: z.number().min(0).max(100).default(0),
});
export type TNetChar = z.infer<typeof ZNetChar>;
/**
 * Some characteristics, overriding others (a POA's over its zone's, a set-network event's over the
 * current ones). Not `ZNetChar.partial()`: zod 4 fills the defaults of a partial's fields, which
 * would override every characteristic the patch does not name.
 */
export const ZNetCharPatch = z.object({
  latencyMs: ZNetChar.shape.latencyMs.unwrap().optional(),
  latencyVariationMs: ZNetChar.shape.latencyVariationMs.unwrap().optional(),
  throughputDlMbps: ZNetChar.shape.throughputDlMbps.unwrap().optional(),
  throughputUlMbps: ZNetChar.shape.throughputUlMbps.unwrap().optional(),
  packetLossPct: ZNetChar.shape.packetLossPct.unwrap().optional(),
});
export type TNetCharPatch = z.infer<typeof ZNetCharPatch>;

export const POA_TYPES = ['POA-4G', 'POA-5G', 'POA-WIFI'] as const;
export const ZPoaType = z.enum(POA_TYPES);

export const ZPointOfAccess = z.object({
  id: ZElementId,
  name: z.string().min(1).max(100),
  type: ZPoaType,
  location: ZLngLat,
  /** Coverage circle: a UE is in range inside it; the nearest POA in range serves it. */
  radiusM: z.number().positive().max(100_000),
  /** The cell the RNIS reports (E-UTRAN or NR cell identity, hex, 28 or 36 bits). */
  cellId: z.string().regex(/^[0-9a-fA-F]{7,9}$/),
  netChar: ZNetCharPatch.optional(),
});
export type TPointOfAccess = z.infer<typeof ZPointOfAccess>;

export const ZZone = z.object({
  id: ZElementId,
  name: z.string().min(1).max(100),
  netChar: ZNetChar.default(ZNetChar.parse({})),
  pointsOfAccess: z.array(ZPointOfAccess).min(1).max(500),
  /** The zone's outline for a map (a closed ring, from a GeoJSON Polygon); drawing only, never used to serve UEs. */
  outline: z.array(ZLngLat).min(4).max(10_000).optional(),
});
export type TZone = z.infer<typeof ZZone>;

export const ZDomain = z.object({
  id: ZElementId,
  name: z.string().min(1).max(100),
  type: z.enum(['OPERATOR-CELLULAR', 'OPERATOR', 'PUBLIC']),
  /** The PLMN the RNIS reports (MCC 3 digits, MNC 2 or 3). */
  mcc: z.string().regex(/^\d{3}$/),
  mnc: z.string().regex(/^\d{2,3}$/),
  zones: z.array(ZZone).min(1).max(100),
});
export type TDomain = z.infer<typeof ZDomain>;

/** A MEC host of the scenario; the sandbox's agent plays the first one, the zones say which UEs it serves. */
export const ZScenarioMecNode = z.object({
  id: ZElementId,
  name: z.string().min(1).max(100),
  location: ZLngLat,
  zoneIds: z.array(ZElementId).min(1),
});

export const END_OF_PATH_MODES = ['LOOP', 'REVERSE', 'STOP'] as const;

/** One UE on a path (a LineString of two or more points), moving at a speed, from an offset along it. */
export const ZScenarioUe = z.object({
  id: ZElementId,
  name: z.string().min(1).max(100),
  /** MEC 013's user address (e.g. `acr:10.100.0.1`). */
  address: z.string().regex(/^acr:\d{1,3}(\.\d{1,3}){3}$/),
  path: z.array(ZLngLat).min(1).max(10_000),
  speedMps: z.number().min(0).max(100),
  eopMode: z.enum(END_OF_PATH_MODES).default('LOOP'),
  startOffsetM: z.number().min(0).default(0),
});
export type TScenarioUe = z.infer<typeof ZScenarioUe>;

/** Many UEs made from a seed: each picks one of the named paths, a speed in the range and an offset. */
export const ZScenarioUeGroup = z.object({
  idPrefix: ZElementId,
  count: z.int().min(1).max(10_000),
  /** The first address; the group counts up from it. */
  firstAddress: z.string().regex(/^acr:\d{1,3}(\.\d{1,3}){3}$/),
  paths: z.array(z.array(ZLngLat).min(2)).min(1),
  speedMps: z.tuple([z.number().min(0).max(100), z.number().min(0).max(100)]),
  eopMode: z.enum(END_OF_PATH_MODES).default('LOOP'),
});

export const SCENARIO_EVENT_KINDS = ['move-ue', 'set-ue-speed', 'access-point-down', 'access-point-up', 'set-network'] as const;
/**
 * A scripted or injected event. Params by kind: move-ue {to: [lon, lat]}; set-ue-speed
 * {speedMps}; access-point-down/up {}; set-network {netChar (partial)} with target a zone or POA id
 * (SCENARIO_EVENT_PARAMS below).
 */
export const ZScenarioEvent = z.object({
  atSec: z.number().min(0),
  kind: z.enum(SCENARIO_EVENT_KINDS),
  target: ZElementId,
  params: z.record(z.string(), z.unknown()).default({}),
});
export type TScenarioEvent = z.infer<typeof ZScenarioEvent>;

/** The params of each event kind (the engine and the loader validate with these; unknown keys are refused). */
export const SCENARIO_EVENT_PARAMS = {
  'move-ue': z.strictObject({ to: ZLngLat }),
  'set-ue-speed': z.strictObject({ speedMps: z.number().min(0).max(100) }),
  'access-point-down': z.strictObject({}),
  'access-point-up': z.strictObject({}),
  'set-network': z.strictObject({ netChar: ZNetCharPatch.strict().refine((n) => Object.keys(n).length > 0, 'name at least one characteristic') }),
} as const satisfies Record<(typeof SCENARIO_EVENT_KINDS)[number], z.ZodType>;
export const ZInjectedEvent = ZScenarioEvent.omit({ atSec: true });
export type TInjectedEvent = z.infer<typeof ZInjectedEvent>;

export const ZScenario = z.object({
  id: ZScenarioId,
  name: ZBilingualText,
  description: ZBilingualText,
  /** How long the scenario runs; a sandbox may run past it (UEs keep moving by their eopMode). */
  durationSec: z.int().min(1).max(86_400),
  defaultSeed: z.int().min(0).max(2_147_483_647).default(1),
  /** How often UE positions are updated on the sandbox clock. */
  tickSec: z.number().min(0.1).max(60).default(1),
  /** The map's initial view. */
  view: z.object({ center: ZLngLat, zoom: z.int().min(1).max(19) }),
  domains: z.array(ZDomain).min(1).max(10),
  mecNodes: z.array(ZScenarioMecNode).min(1).max(10),
  ues: z.array(ZScenarioUe).max(10_000).default([]),
  ueGroups: z.array(ZScenarioUeGroup).max(20).default([]),
  events: z.array(ZScenarioEvent).max(10_000).default([]),
});
export type TScenario = z.infer<typeof ZScenario>;

/** What a list of scenarios shows. */
export const ZScenarioSummary = z.object({
  id: ZScenarioId,
  name: ZBilingualText,
  description: ZBilingualText,
  durationSec: z.int(),
  ueCount: z.int(),
  zoneCount: z.int(),
  poaCount: z.int(),
  mecNodeCount: z.int(),
  eventCount: z.int(),
}).meta({ id: 'SandboxScenarioSummary' });
export type TScenarioSummary = z.infer<typeof ZScenarioSummary>;
