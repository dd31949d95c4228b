/**
 * YAML object + GeoJSON object -> a validated `TScenario` (no I/O: `load-scenario.ts` reads the
 * files). Every problem is collected, not only the first, and each names the file and the field:
 * `campus.yaml: domains[0].zones[1].pointsOfAccess[2].feature: no feature "ap-9" in campus.geojson`.
 */
import { ZScenario, type TScenario } from '@mecport/contracts/sandbox';
import { checkReferences } from './check-references';
import { indexFeatures, ZFeatureCollection, type TFeatureIndex, type TGeometry } from './geojson-features';
import { fieldPath, ScenarioError, type TScenarioIssue } from './scenario-error';
import { ZScenarioFile, type TScenarioFile } from './scenario-file';

type TRecord = Record<string, unknown>;

/** Looks up features by id and reports each missing or mistyped one at the field that named it. */
class FeatureResolver {
  constructor(private readonly index: TFeatureIndex, private readonly geoName: string, private readonly file: string, private readonly issues: TScenarioIssue[]) {}

  /** The geometry named `id` if it is one of `types`; else the problem is recorded at `field`. */
  resolve<K extends TGeometry['type']>(field: string, id: string, ...types: K[]): Extract<TGeometry, { type: K }> | undefined {
    const geometry = this.index.get(id);
    if (!geometry) return this.fail(field, `no feature "${id}" in ${this.geoName}`);
    if ((types as string[]).includes(geometry.type)) return geometry as Extract<TGeometry, { type: K }>;
    return this.fail(field, `feature "${id}" in ${this.geoName} is a ${geometry.type}, expected a ${types.join(' or a ')}`);
  }

  private fail(field: string, message: string): undefined {
    this.issues.push({ file: this.file, field, message });
    return undefined;
  }
}

/** Replaces the file's feature references with coordinates (in a copy); `undefined` where one is missing. */
function resolveGeometry(file: TScenarioFile, raw: TRecord, features: FeatureResolver): TRecord {
  const { geo: _geo, ...rest } = structuredClone(raw);
  const out = rest as TRecord & { domains: TRecord[]; mecNodes: TRecord[]; ues?: TRecord[]; ueGroups?: TRecord[]; view: TRecord };
  if (typeof file.view.center === 'string') out.view.center = features.resolve('view.center', file.view.center, 'Point')?.coordinates;
  file.domains.forEach((domain, d) => domain.zones.forEach((zone, z) => {
    const zoneOut = (out.domains[d]!.zones as TRecord[])[z]!;
    if (zone.outline !== undefined) zoneOut.outline = features.resolve(`domains[${d}].zones[${z}].outline`, zone.outline, 'Polygon')?.coordinates[0];
    zone.pointsOfAccess.forEach((poa, p) => {
      const poaOut = (zoneOut.pointsOfAccess as TRecord[])[p]!;
      delete poaOut.feature;
      poaOut.location = features.resolve(`domains[${d}].zones[${z}].pointsOfAccess[${p}].feature`, poa.feature ?? poa.id, 'Point')?.coordinates;
    });
  }));
  file.mecNodes.forEach((node, n) => {
    delete out.mecNodes[n]!.feature;
    out.mecNodes[n]!.location = features.resolve(`mecNodes[${n}].feature`, node.feature ?? node.id, 'Point')?.coordinates;
  });
  file.ues.forEach((ue, u) => {
    const path = features.resolve(`ues[${u}].path`, ue.path, 'LineString', 'Point');
    out.ues![u]!.path = path?.type === 'Point' ? [path.coordinates] : path?.coordinates;
  });
  file.ueGroups.forEach((group, g) => {
    out.ueGroups![g]!.paths = group.paths.map((id, p) => features.resolve(`ueGroups[${g}].paths[${p}]`, id, 'LineString')?.coordinates);
  });
  return out;
}

/**
 * @example resolveScenario(YAML.parse(text), JSON.parse(geoText), { file: 'campus.yaml', geoName: 'campus.geojson' })
 * @throws ScenarioError listing every problem
 */
export function resolveScenario(raw: unknown, rawGeo: unknown, names: { file: string; geoName: string }): TScenario {
  const issues: TScenarioIssue[] = [];
  const fail = (): never => { throw new ScenarioError(issues); };
  const file = ZScenarioFile.safeParse(raw);
  if (!file.success) {
    issues.push(...file.error.issues.map((i) => ({ file: names.file, field: fieldPath(i.path), message: i.message })));
    return fail();
  }
  const geo = ZFeatureCollection.safeParse(rawGeo);
  if (!geo.success) {
    issues.push(...geo.error.issues.map((i) => ({ file: names.geoName, field: fieldPath(i.path), message: i.message })));
    return fail();
  }
  const { index, errors } = indexFeatures(geo.data);
  issues.push(...errors.map((e) => ({ file: names.geoName, ...e })));
  const resolved = resolveGeometry(file.data, raw as TRecord, new FeatureResolver(index, names.geoName, names.file, issues));
  if (issues.length > 0) return fail();
  const scenario = ZScenario.safeParse(resolved);
  if (!scenario.success) {
    issues.push(...scenario.error.issues.map((i) => ({ file: names.file, field: fieldPath(i.path), message: i.message })));
    return fail();
  }
  issues.push(...checkReferences(scenario.data).map((e) => ({ file: names.file, ...e })));
  return issues.length > 0 ? fail() : scenario.data;
}
