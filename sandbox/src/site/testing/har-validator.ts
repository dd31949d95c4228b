/** Validates a HAR document with ajv against the HAR 1.2 JSON schema published on npm (`har-schema`, draft-06). */
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormatsPlugin from 'ajv-formats';

const require = createRequire(import.meta.url);

export function harValidator(): (har: unknown) => string[] {
  const schemas = require('har-schema') as Record<string, Record<string, unknown>>;
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as Record<string, unknown>);
  (addFormatsPlugin as unknown as (a: Ajv) => Ajv)(ajv);
  for (const [name, schema] of Object.entries(schemas)) if (name !== 'har') ajv.addSchema(schema);
  const validate = ajv.compile(schemas.har!);
  return (har) => (validate(har) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}
