/**
 * Validates the sandbox agent's Mp1 answers, as the gateway passes them, with ajv against the
 * official ETSI MEC 011 v2.1.1 files vendored in `sandbox/specs` (as packages/mp1's conformance
 * test does for the agent on a node). Each answer is checked against the schema its operation
 * declares for its status and media type; token endpoint answers against RFC 6749 §5.1.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { parse } from 'yaml';

const SPEC_DIR = path.resolve(import.meta.dirname, '../../../specs');
const APIS = [
  { id: 'mec011-sm', base: '/mec_service_mgmt/v1', file: 'MEC011_MecServiceMgmtApi.yaml' },
  { id: 'mec011-as', base: '/mec_app_support/v1', file: 'MEC011_MecAppSupportApi.yaml' },
] as const;

type TSchema = Record<string, unknown>;
type TSpec = { paths: Record<string, Record<string, { responses: Record<string, TSchema> }>>; components: Record<string, Record<string, TSchema>> };

/**
 * The published MecAppSupportApi.yaml has whitespace-only lines of tabs, which YAML forbids in
 * block scalars: blanked. The spec gives relative references as examples of three `format: uri`
 * fields, which Mp1 accepts and echoes: checked as `uri-reference` (as packages/mp1 does).
 */
function loadSpec(file: string): TSpec {
  const spec = parse(readFileSync(path.join(SPEC_DIR, file), 'utf8').replace(/^[ \t]+$/gm, '')) as TSpec;
  for (const name of ['CategoryRef.Href', 'EndPointInfo.Uri', 'SecurityInfo.OAuth2Info.TokenEndpoint']) {
    const schema = spec.components.schemas?.[name];
    if (schema?.format === 'uri') schema.format = 'uri-reference';
  }
  return spec;
}

const specs = new Map(APIS.map((api) => [api.id, loadSpec(api.file)]));
const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
(addFormatsPlugin as unknown as (a: Ajv) => Ajv)(ajv);
ajv.addFormat('uint32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff });
for (const api of APIS) ajv.addSchema({ $id: api.id, components: specs.get(api.id)!.components, paths: specs.get(api.id)!.paths }, api.id);
ajv.addSchema({ type: 'object', required: ['access_token', 'token_type', 'expires_in'], properties: { access_token: { type: 'string', minLength: 20 }, token_type: { const: 'Bearer' }, expires_in: { type: 'integer', minimum: 1 } } }, 'oauth-token');

const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function check(ref: string, body: unknown): string[] {
  const validate: ValidateFunction | undefined = ajv.getSchema(ref);
  if (!validate) return [`no schema ${ref}`];
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${ref}${e.instancePath}: ${e.message}`);
}

function templateOf(spec: TSpec, apiPath: string): string | undefined {
  const segments = apiPath.split('/');
  return Object.keys(spec.paths).find((t) => {
    const parts = t.split('/');
    return parts.length === segments.length && parts.every((p, i) => p.startsWith('{') || p === segments[i]);
  });
}

/** Checks one Mp1 answer: `pathname` below the gateway's root; `text` the body as recorded. Errors, or [] when it conforms. */
export function checkMp1Answer(method: string, pathname: string, status: number, contentType: string, text: string | null): string[] {
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (pathname === '/oauth2/token') return status === 200 ? check('oauth-token', body) : [`token endpoint answered ${status}`];
  const api = APIS.find((a) => pathname.startsWith(`${a.base}/`));
  const spec = api && specs.get(api.id);
  const template = spec && templateOf(spec, pathname.slice(api.base.length));
  const declared = template ? spec.paths[template]?.[method.toLowerCase()]?.responses[String(status)] : undefined;
  if (!api || !declared) return [`${method} ${pathname} ${status} is not an answer MEC 011 declares`];
  const resolved = (declared.$ref ? ajv.getSchema(`${api.id}${declared.$ref as string}`)?.schema : declared) as TSchema | undefined;
  const content = resolved?.content as Record<string, unknown> | undefined;
  if (!content) return text ? [`${status} must have no body`] : [];
  const mediaType = contentType.split(';')[0]!.trim();
  if (!(mediaType in content)) return [`${status} answered ${mediaType}; the spec allows ${Object.keys(content).join(', ')}`];
  const ref = declared.$ref
    ? `${api.id}${declared.$ref as string}/content/${pointer(mediaType)}/schema`
    : `${api.id}#/paths/${pointer(template!)}/${method.toLowerCase()}/responses/${status}/content/${pointer(mediaType)}/schema`;
  return check(ref, body);
}
