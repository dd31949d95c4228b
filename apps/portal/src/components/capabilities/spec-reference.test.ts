import { describe, expect, it } from 'vitest';
import { groupOperations, parseOpenApi } from '../api-docs/openapi-model';
import { readVendoredSpec } from './testing/vendored-spec';

const FILES = ['MEC011_MecAppSupportApi.yaml', 'MEC011_MecServiceMgmtApi.yaml', 'MEC012_RniAPI.yaml', 'MEC013_LocationAPI.yaml', 'MEC014_UEidentityAPI.yaml', 'MEC015_BwManagementApi.yaml', 'MEC015_TrafficSteeringApi.yaml'];

/** Every `$ref` left in a value (an inlined schema keeps only those of recursive schemas). */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== 'object') return [];
  const own = typeof (value as { $ref?: unknown }).$ref === 'string' ? [(value as { $ref: string }).$ref] : [];
  return [...own, ...Object.values(value).flatMap(refsIn)];
}

describe('the reference pages render every vendored MEC spec', () => {
  it.each(FILES)('%s: OpenAPI 3.x, operations grouped by tag, parameters and bodies resolved', (file) => {
    const doc = parseOpenApi(readVendoredSpec(file));
    expect(doc?.openapi).toMatch(/^3\.[01]\./);
    const groups = groupOperations(doc!);
    const ops = groups.flatMap((g) => g.operations);
    expect(ops.length).toBeGreaterThan(0);
    for (const op of ops) {
      expect(op.parameters.every((p) => p.name && p.in), op.key).toBe(true);
      expect(op.responses.length, op.key).toBeGreaterThan(0);
    }
  });

  it('MEC 013: the location tag, typed parameters and an inlined request body', () => {
    const groups = groupOperations(parseOpenApi(readVendoredSpec('MEC013_LocationAPI.yaml'))!);
    expect(groups.map((g) => g.tag)).toEqual(['location']);
    const users = groups[0]!.operations.find((o) => o.key === 'get /queries/users')!;
    expect(users.parameters.map((p) => [p.name, p.in, p.type])).toEqual(expect.arrayContaining([['zoneId', 'query', 'string[]']]));
    const zonal = groups[0]!.operations.find((o) => o.key === 'post /subscriptions/zonalTraffic')!;
    const schema = zonal.requestBody!.content[0]!.schema as { properties: { zonalTrafficSubscription: { properties: Record<string, unknown> } } };
    expect(Object.keys(schema.properties.zonalTrafficSubscription.properties)).toEqual(expect.arrayContaining(['callbackReference', 'zoneId']));
    expect(refsIn(schema)).toEqual([]);
  });

  it('MEC 011: the file with a line of tabs reads, confirm_ready takes an AppReadyConfirmation', () => {
    const ops = groupOperations(parseOpenApi(readVendoredSpec('MEC011_MecAppSupportApi.yaml'))!).flatMap((g) => g.operations);
    const ready = ops.find((o) => o.key === 'post /applications/{appInstanceId}/confirm_ready')!;
    expect(ready.parameters.map((p) => [p.name, p.required])).toEqual([['appInstanceId', true]]);
    expect(Object.keys((ready.requestBody!.content[0]!.schema as { properties: object }).properties)).toContain('indication');
  });
});
