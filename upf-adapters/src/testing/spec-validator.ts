/**
 * Validates bodies against the official OpenAPI files vendored in `upf-adapters/specs` (3GPP TS
 * 29.522 Release 18 and CAMARA Traffic Influence 0.10.0) with ajv. Each 3GPP file is added whole
 * under its file name, so the cross-file `$ref`s (`TS29571_CommonData.yaml#/components/...`)
 * resolve as they are written; ajv compiles only what a checked schema reaches.
 *
 * @example
 *   checkSchema('3gpp', 'TS29522_TrafficInfluence.yaml', 'TrafficInfluSub', body) // [] when valid
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { parse } from 'yaml';

export const SPEC_DIR = path.resolve(import.meta.dirname, '../../specs');

function createAjv(): Ajv {
  // OpenAPI 3.0 schema objects are a JSON Schema dialect (`nullable`, `example`, `discriminator`,
  // `deprecated`, 3GPP formats such as `int32`): strict: false, and ajv's own `nullable` support.
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  (addFormatsPlugin as unknown as (a: Ajv) => Ajv)(ajv);
  for (const file of readdirSync(path.join(SPEC_DIR, '3gpp')).filter((f) => f.endsWith('.yaml'))) {
    ajv.addSchema(parse(readFileSync(path.join(SPEC_DIR, '3gpp', file), 'utf8')) as object, file);
  }
  ajv.addSchema(parse(readFileSync(path.join(SPEC_DIR, 'camara', 'traffic-influence.yaml'), 'utf8')) as object, 'traffic-influence.yaml');
  return ajv;
}

let shared: Ajv | undefined;
const ajv = () => (shared ??= createAjv());

/** Compiles these schemas now (seconds of CPU on a loaded machine), so no request waits for it later. */
export function warmSchemas(refs: [file: string, pointer: string][]): void {
  for (const [file, pointer] of refs) if (!ajv().getSchema(`${file}#${pointer}`)) throw new Error(`no schema ${file}#${pointer}`);
}

/** The errors of `body` against `components.schemas.<schema>` of `file` (empty when valid). */
export function checkSchema(file: string, schema: string, body: unknown): string[] {
  return checkPointer(file, `/components/schemas/${schema}`, body, schema);
}

/** The errors of `body` against the schema at a JSON pointer of `file`, e.g. a response's schema. */
export function checkPointer(file: string, pointer: string, body: unknown, label = pointer): string[] {
  const ref = `${file}#${pointer}`;
  const validate: ValidateFunction | undefined = ajv().getSchema(ref);
  if (!validate) return [`no schema ${ref}`];
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${label}${e.instancePath} ${e.message ?? ''}`.trim());
}
