/**
 * Validates Mp1 responses and notifications with ajv against the schemas of the official ETSI
 * MEC 011 v2.1.1 OpenAPI files vendored in `packages/mp1/specs`. Each response is checked against
 * the schema its operation declares for its status and media type; statuses an operation does
 * not declare (401 on most paths, 405, 413, 415) against ProblemDetails, and reported as such so
 * the caller can allow them explicitly. Token endpoint answers are checked against RFC 6749 §5.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { parse } from 'yaml';

export const SPEC_DIR = path.resolve(import.meta.dirname, '../../specs');

type TSchema = Record<string, unknown>;
type TOperation = { responses: Record<string, { content?: Record<string, unknown> } & TSchema> };
export type TSpec = { openapi: string; info: { version: string }; paths: Record<string, Record<string, TOperation>>; components: Record<string, Record<string, TSchema>> };

export const APIS = [
  { id: 'mec011-sm', base: '/mec_service_mgmt/v1', file: 'MEC011_MecServiceMgmtApi.yaml', notification: 'ServiceAvailabilityNotification' },
  { id: 'mec011-as', base: '/mec_app_support/v1', file: 'MEC011_MecAppSupportApi.yaml', notification: 'AppTerminationNotification' },
] as const;

/**
 * The published MecAppSupportApi.yaml has three whitespace-only lines made of tabs (235, 236, 890),
 * which YAML forbids in block scalars; they are blanked before parsing, nothing else is touched.
 */
export function loadSpec(file: string): TSpec {
  const text = readFileSync(path.join(SPEC_DIR, file), 'utf8').replace(/^[ \t]+$/gm, '');
  return readUriReferences(parse(text) as TSpec);
}

/**
 * The spec declares `format: uri` for these but gives relative references as their examples
 * (`/example/catalogue1`, `/mecSerMgmtApi/service/EntryPoint`, `/mecSerMgmtApi/security/TokenEndPoint`);
 * the MEP accepts and echoes URI references there (`zUriReference`), so they are checked as
 * `uri-reference`. Every other `format: uri` (the MEP's own links, problem types) stays absolute.
 */
const URI_REFERENCE_SCHEMAS = ['CategoryRef.Href', 'EndPointInfo.Uri', 'SecurityInfo.OAuth2Info.TokenEndpoint'];

function readUriReferences(spec: TSpec): TSpec {
  for (const name of URI_REFERENCE_SCHEMAS) {
    const schema = spec.components.schemas?.[name];
    if (schema?.format === 'uri') schema.format = 'uri-reference';
  }
  return spec;
}

const OAUTH_SCHEMAS: Record<string, TSchema> = {
  token: { type: 'object', required: ['access_token', 'token_type', 'expires_in'], properties: { access_token: { type: 'string', minLength: 20 }, token_type: { const: 'Bearer' }, expires_in: { type: 'integer', minimum: 1 } } },
  error: { type: 'object', required: ['error'], properties: { error: { enum: ['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope'] }, error_description: { type: 'string' } } },
};

function createAjv(): Ajv {
  // OpenAPI 3.0 schema objects are a JSON Schema dialect: `example`, `readOnly` in odd places and
  // the like are not strict JSON Schema, hence strict: false; the spec's ad-hoc formats are registered.
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  (addFormatsPlugin as unknown as (a: Ajv) => Ajv)(ajv);
  ajv.addFormat('uint32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff });
  for (const api of APIS) {
    const spec = loadSpec(api.file);
    ajv.addSchema({ $id: api.id, components: spec.components, paths: spec.paths }, api.id);
  }
  for (const [name, schema] of Object.entries(OAUTH_SCHEMAS)) ajv.addSchema(schema, `oauth-${name}`);
  return ajv;
}

const ajv = createAjv();
const specs = new Map(APIS.map((api) => [api.id, loadSpec(api.file)]));
const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function check(ref: string, body: unknown): string[] {
  const validate: ValidateFunction | undefined = ajv.getSchema(ref);
  if (!validate) return [`no schema ${ref}`];
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${ref}${e.instancePath}: ${e.message}`);
}

/** The spec path template (e.g. `/services/{serviceId}`) that a concrete path matches. */
export function templateOf(spec: TSpec, apiPath: string): string | undefined {
  const segments = apiPath.split('/');
  return Object.keys(spec.paths).find((t) => {
    const parts = t.split('/');
    return parts.length === segments.length && parts.every((p, i) => p.startsWith('{') || p === segments[i]);
  });
}

export interface TResponseCheck { operation?: string; declared: boolean; errors: string[] }

/** Checks one response; `pathname` is the URL path below the public URL (e.g. `/mec_app_support/v1/timing/current_time`). */
export function checkResponse(method: string, pathname: string, status: number, contentType: string, body: unknown, text: string): TResponseCheck {
  // RFC 6749 answers for requests it covers; a wrong method is an HTTP problem like anywhere else.
  if (pathname === '/oauth2/token' && method === 'POST') {
    return { operation: 'POST /oauth2/token', declared: true, errors: contentType.startsWith('application/json') ? check(status === 200 ? 'oauth-token' : 'oauth-error', body) : [`token endpoint answered ${contentType}`] };
  }
  const api = APIS.find((a) => pathname.startsWith(`${a.base}/`));
  const spec = api && specs.get(api.id);
  const template = spec && templateOf(spec, pathname.slice(api.base.length));
  const operation = template ? spec.paths[template]?.[method.toLowerCase()] : undefined;
  const name = template ? `${method} ${api!.base}${template}` : undefined;
  const problem = (ref: string) => (contentType.startsWith('application/problem+json') ? check(ref, body) : [`${status} answered ${contentType || 'no content-type'}, not application/problem+json`]);
  if (!api || !operation) return { operation: name, declared: false, errors: problem(`${APIS[0].id}#/components/schemas/ProblemDetails`) };

  const declared = operation.responses[String(status)];
  if (!declared) return { operation: name, declared: false, errors: problem(`${api.id}#/components/schemas/ProblemDetails`) };
  const base = `${api.id}#/paths/${pointer(template!)}/${method.toLowerCase()}/responses/${status}`;
  const resolved = (declared.$ref ? ajv.getSchema(`${api.id}${declared.$ref as string}`)?.schema : declared) as TSchema | undefined;
  const content = resolved?.content as Record<string, unknown> | undefined;
  if (!content) return { operation: name, declared: true, errors: text === '' ? [] : [`${status} must have no body, got ${text.slice(0, 80)}`] };
  const mediaType = contentType.split(';')[0]!.trim();
  if (!(mediaType in content)) return { operation: name, declared: true, errors: [`${status} answered ${mediaType}; the spec allows ${Object.keys(content).join(', ')}`] };
  const ref = declared.$ref ? `${api.id}${declared.$ref as string}/content/${pointer(mediaType)}/schema` : `${base}/content/${pointer(mediaType)}/schema`;
  return { operation: name, declared: true, errors: check(ref, body) };
}

/** Checks a notification body against the request body of the spec's callback. */
export function checkNotification(body: unknown): string[] {
  const type = (body as { notificationType?: string } | null)?.notificationType;
  const api = APIS.find((a) => (type === 'AppTerminationNotification' ? a.id === 'mec011-as' : a.id === 'mec011-sm'));
  return check(`${api!.id}#/components/schemas/${api!.notification}`, body);
}
