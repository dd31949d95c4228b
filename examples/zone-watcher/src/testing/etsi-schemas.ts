/**
 * ajv over the official ETSI schemas vendored in specs/ (MEC 011 v2.1.1 service management,
 * MEC 013 v2.2.1 Location): what the app sends and what it is built to read.
 *
 * @example expect(schemaErrors('mec013', 'ZonalTrafficSubscription', body.zonalTrafficSubscription)).toEqual([]);
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { parse } from 'yaml';

const SPECS = { mec011: 'MEC011_MecServiceMgmtApi.yaml', mec013: 'MEC013_LocationAPI.yaml' } as const;
export type TSpecId = keyof typeof SPECS;

function createAjv(): Ajv {
  // OpenAPI schema objects are a JSON Schema dialect (`example`, `x-etsi-*`), hence strict: false.
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  (addFormatsPlugin as unknown as (a: Ajv) => Ajv)(ajv);
  ajv.addFormat('uint32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff });
  for (const [id, file] of Object.entries(SPECS)) {
    const spec = parse(readFileSync(path.resolve(import.meta.dirname, '../../specs', file), 'utf8')) as { components: unknown };
    ajv.addSchema({ $id: id, components: spec.components }, id);
  }
  return ajv;
}

const ajv = createAjv();

/** The schema's errors for `value` (empty when valid). */
export function schemaErrors(spec: TSpecId, schema: string, value: unknown): string[] {
  const validate = ajv.getSchema(`${spec}#/components/schemas/${schema}`);
  if (!validate) return [`no schema ${schema} in ${spec}`];
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${schema}${e.instancePath}: ${e.message}`);
}
