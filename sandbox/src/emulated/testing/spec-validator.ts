/**
 * Validates the emulated services' answers and notifications with ajv against the official ETSI
 * files vendored in `sandbox/specs`: MEC 013 v2.2.1 (OpenAPI 3.1, JSON Schema 2020-12: Ajv2020)
 * and MEC 012 v2.1.1 (OpenAPI 3.0, a draft-07-like dialect: Ajv). Each answer is checked against
 * the schema its operation declares for its status and media type; a status the operation does
 * not declare is reported (`declared: false`) and checked as the spec's ProblemDetails.
 * Notifications are checked against the request body of the subscription's callback.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import { parse } from 'yaml';

export const SPEC_DIR = path.resolve(import.meta.dirname, '../../../specs');

type TSchema = Record<string, unknown>;
type TOperation = { responses: Record<string, TSchema>; callbacks?: Record<string, Record<string, Record<string, { requestBody: { content: Record<string, { schema: TSchema }> } }>>> };
type TSpec = { openapi: string; paths: Record<string, Record<string, TOperation>>; components: Record<string, Record<string, TSchema>> };

export const MEC_APIS = [
  { id: 'mec013', base: '/location/v2', file: 'MEC013_LocationAPI.yaml' },
  { id: 'mec012', base: '/rni/v2', file: 'MEC012_RniAPI.yaml' },
] as const;
type TApiId = (typeof MEC_APIS)[number]['id'];

const specs = new Map<TApiId, TSpec>(MEC_APIS.map((api) => [api.id, parse(readFileSync(path.join(SPEC_DIR, api.file), 'utf8')) as TSpec]));

function createAjv(id: TApiId): Ajv {
  // strict: false: OpenAPI's schema objects carry `example`, `discriminator`, `x-etsi-*` and the like.
  const options = { strict: false, allErrors: true, logger: false } as const;
  const ajv = id === 'mec013' ? new Ajv2020(options) : new Ajv(options);
  (addFormatsPlugin as unknown as (a: Ajv) => Ajv)(ajv);
  // The specs' own formats (ETSI data types), checked for what they say.
  const integer = (min: number, max: number) => ({ type: 'number' as const, validate: (n: number) => Number.isInteger(n) && n >= min && n <= max });
  ajv.addFormat('uint32', integer(0, 0xffffffff));
  ajv.addFormat('uint8', integer(0, 255));
  ajv.addFormat('int32', integer(-0x80000000, 0x7fffffff));
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('anyURI', { type: 'string', validate: (s: string) => URL.canParse(s) });
  const spec = specs.get(id)!;
  ajv.addSchema({ $id: id, components: spec.components, paths: spec.paths }, id);
  return ajv;
}

const ajvs = new Map<TApiId, Ajv>(MEC_APIS.map((api) => [api.id, createAjv(api.id)]));
const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function check(id: TApiId, ref: string, body: unknown): string[] {
  const validate: ValidateFunction | undefined = ajvs.get(id)!.getSchema(`${id}${ref}`);
  if (!validate) return [`no schema ${id}${ref}`];
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${id}${ref}${e.instancePath}: ${e.message}`);
}

function templateOf(spec: TSpec, apiPath: string): string | undefined {
  const segments = apiPath.split('/');
  return Object.keys(spec.paths).find((t) => {
    const parts = t.split('/');
    return parts.length === segments.length && parts.every((p, i) => p.startsWith('{') || p === segments[i]);
  });
}

export interface TResponseCheck { operation: string; declared: boolean; errors: string[] }

/** Checks one answer; `pathname` starts with the service's base path (`/location/v2/queries/users`). */
export function checkResponse(method: string, pathname: string, status: number, contentType: string, body: unknown): TResponseCheck {
  const api = MEC_APIS.find((a) => pathname.startsWith(`${a.base}/`));
  if (!api) return { operation: `${method} ${pathname}`, declared: false, errors: [`${pathname} is in no vendored spec`] };
  const spec = specs.get(api.id)!;
  const template = templateOf(spec, pathname.slice(api.base.length));
  const operation = template ? spec.paths[template]?.[method.toLowerCase()] : undefined;
  const name = `${method} ${api.base}${template ?? pathname.slice(api.base.length)}`;
  const problem = () => (contentType.startsWith('application/problem+json') ? check(api.id, '#/components/schemas/ProblemDetails', body) : [`${status} answered ${contentType}, not application/problem+json`]);
  const declared = operation?.responses[String(status)];
  if (!operation || !declared) return { operation: name, declared: false, errors: problem() };
  const responseRef = declared.$ref as string | undefined;
  const resolved = (responseRef ? ajvs.get(api.id)!.getSchema(`${api.id}${responseRef}`)?.schema : declared) as TSchema | undefined;
  const content = resolved?.content as Record<string, unknown> | undefined;
  if (!content) return { operation: name, declared: true, errors: body === null || body === undefined ? [] : [`${status} must have no body`] };
  const mediaType = contentType.split(';')[0]!.trim();
  if (!(mediaType in content)) return { operation: name, declared: true, errors: [`${status} answered ${mediaType}; the spec allows ${Object.keys(content).join(', ')}`] };
  const ref = responseRef
    ? `${responseRef}/content/${pointer(mediaType)}/schema`
    : `#/paths/${pointer(template!)}/${method.toLowerCase()}/responses/${status}/content/${pointer(mediaType)}/schema`;
  return { operation: name, declared: true, errors: check(api.id, ref, body) };
}

/**
 * Checks a notification against the callback request body of the subscription operation that
 * created it: Location by the subscription path (`zonalTraffic`, `area/circle`, ...), RNIS by
 * the notification's own `notificationType` schema.
 */
export function checkNotification(api: 'location' | 'rnis', subscriptionPath: string, body: unknown): string[] {
  if (api === 'rnis') {
    const type = (body as { notificationType?: string } | null)?.notificationType ?? 'none';
    return check('mec012', `#/components/schemas/${pointer(type)}`, body);
  }
  const template = `/subscriptions/${subscriptionPath}`;
  const callbacks = specs.get('mec013')!.paths[template]?.post?.callbacks?.notification;
  const expression = callbacks && Object.keys(callbacks)[0];
  if (!expression) return [`no callback declared for POST ${template}`];
  return check('mec013', `#/paths/${pointer(template)}/post/callbacks/notification/${pointer(expression)}/post/requestBody/content/application~1json/schema`, body);
}
