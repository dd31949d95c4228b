/**
 * Turns an OpenAPI 3.1 document into what the API reference page shows: operations grouped by
 * tag, with `$ref`s resolved (schemas inlined up to a cycle) and the MECport extension
 * `x-mecport-roles` (the roles an operation requires) read out. Pure, so it is unit-tested.
 *
 * @example
 *   const doc = parseOpenApi(await (await fetch('/api/openapi.json')).json());
 *   if (doc) groupOperations(doc).forEach((g) => console.log(g.tag, g.operations.length));
 */

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type THttpMethod = (typeof HTTP_METHODS)[number];

type TJson = Record<string, unknown>;

export interface TOpenApiDoc {
  openapi: string;
  info: { title?: string; version?: string; description?: string };
  tags: { name: string; description?: string }[];
  paths: Record<string, TJson>;
  raw: TJson;
}

export interface TMediaView { mediaType: string; schema: unknown }
export interface TParameterView { name: string; in: string; required: boolean; deprecated: boolean; description?: string; type?: string; schema?: unknown }
export interface TResponseView { status: string; description?: string; content: TMediaView[] }
export interface TOperationView {
  key: string;
  method: THttpMethod;
  path: string;
  summary?: string;
  description?: string;
  operationId?: string;
  deprecated: boolean;
  /** `x-mecport-roles`: `null` when the operation does not state it; `[]` means any signed-in caller. */
  roles: string[] | null;
  parameters: TParameterView[];
  requestBody: { required: boolean; description?: string; content: TMediaView[] } | null;
  responses: TResponseView[];
}
export interface TTagGroup { tag: string | null; description?: string; operations: TOperationView[] }

const isObject = (v: unknown): v is TJson => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The document if it looks like OpenAPI 3.x with `paths`, else `null`. */
export function parseOpenApi(json: unknown): TOpenApiDoc | null {
  if (!isObject(json) || typeof json.openapi !== 'string' || !json.openapi.startsWith('3.')) return null;
  const info = isObject(json.info) ? json.info : {};
  const tags = Array.isArray(json.tags)
    ? json.tags.filter(isObject).flatMap((t) => (str(t.name) ? [{ name: t.name as string, description: str(t.description) }] : []))
    : [];
  const paths = isObject(json.paths) ? Object.fromEntries(Object.entries(json.paths).filter(([, v]) => isObject(v))) as Record<string, TJson> : {};
  return { openapi: json.openapi, info: { title: str(info.title), version: str(info.version), description: str(info.description) }, tags, paths, raw: json };
}

/** Follows a local JSON pointer (`#/components/schemas/Me`); `undefined` when it does not resolve. */
export function resolvePointer(raw: TJson, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = raw;
  for (const part of ref.slice(2).split('/')) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A `$ref` object replaced by its target (repeatedly, at the top level only). */
function deref(raw: TJson, value: unknown, depth = 0): unknown {
  if (depth < 10 && isObject(value) && typeof value.$ref === 'string') {
    const target = resolvePointer(raw, value.$ref);
    return target === undefined ? value : deref(raw, target, depth + 1);
  }
  return value;
}

/**
 * A schema with every local `$ref` inlined. A reference already being expanded on the current
 * path (a recursive schema) stays a `$ref`, so the result is finite.
 */
export function inlineRefs(raw: TJson, schema: unknown, seen: readonly string[] = []): unknown {
  if (Array.isArray(schema)) return schema.map((s) => inlineRefs(raw, s, seen));
  if (!isObject(schema)) return schema;
  if (typeof schema.$ref === 'string') {
    const ref = schema.$ref;
    const target = seen.includes(ref) ? undefined : resolvePointer(raw, ref);
    if (target === undefined) return schema;
    const { $ref: _ref, ...siblings } = schema;
    const inlined = inlineRefs(raw, target, [...seen, ref]);
    return Object.keys(siblings).length && isObject(inlined) ? { ...inlined, ...inlineRefs(raw, siblings, seen) as TJson } : inlined;
  }
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, inlineRefs(raw, v, seen)]));
}

/** A short type label for a parameter schema: `string`, `string (uuid)`, `integer[]`, `"a" | "b"`. */
export function schemaType(schema: unknown): string | undefined {
  if (!isObject(schema)) return undefined;
  if (Array.isArray(schema.enum)) return schema.enum.map((e) => JSON.stringify(e)).join(' | ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : str(schema.type);
  if (type === 'array') return `${schemaType(schema.items) ?? 'unknown'}[]`;
  if (!type) return undefined;
  const format = str(schema.format);
  return format ? `${type} (${format})` : type;
}

function mediaViews(raw: TJson, content: unknown): TMediaView[] {
  if (!isObject(content)) return [];
  return Object.entries(content).map(([mediaType, media]) => ({ mediaType, schema: isObject(media) ? inlineRefs(raw, media.schema) : undefined }));
}

function parameterViews(raw: TJson, pathLevel: unknown, opLevel: unknown): TParameterView[] {
  const byKey = new Map<string, TParameterView>();
  for (const list of [pathLevel, opLevel]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const p = deref(raw, entry);
      if (!isObject(p) || !str(p.name) || !str(p.in)) continue;
      const schema = inlineRefs(raw, p.schema);
      // Operation-level parameters override path-level ones with the same name and location.
      byKey.set(`${p.in as string}:${p.name as string}`, {
        name: p.name as string, in: p.in as string, required: p.required === true || p.in === 'path', deprecated: p.deprecated === true,
        description: str(p.description), type: schemaType(schema), schema,
      });
    }
  }
  return [...byKey.values()];
}

function operationView(raw: TJson, path: string, method: THttpMethod, op: TJson, pathItem: TJson): TOperationView {
  const body = deref(raw, op.requestBody);
  const responses = isObject(op.responses)
    ? Object.entries(op.responses).map(([status, r]) => {
        const res = deref(raw, r);
        return { status, description: isObject(res) ? str(res.description) : undefined, content: isObject(res) ? mediaViews(raw, res.content) : [] };
      }).sort((a, b) => a.status.localeCompare(b.status))
    : [];
  const roles = op['x-mecport-roles'];
  return {
    key: `${method} ${path}`, method, path,
    summary: str(op.summary), description: str(op.description), operationId: str(op.operationId),
    deprecated: op.deprecated === true,
    roles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : null,
    parameters: parameterViews(raw, pathItem.parameters, op.parameters),
    requestBody: isObject(body) ? { required: body.required === true, description: str(body.description), content: mediaViews(raw, body.content) } : null,
    responses,
  };
}

/**
 * Operations grouped by their first tag: declared tags in document order, then undeclared tags
 * alphabetically, then untagged operations (`tag: null`). Within a group, paths keep document order.
 */
export function groupOperations(doc: TOpenApiDoc): TTagGroup[] {
  const groups = new Map<string | null, TOperationView[]>();
  for (const [path, pathItem] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const op = pathItem[method];
      if (!isObject(op)) continue;
      const tag = Array.isArray(op.tags) && typeof op.tags[0] === 'string' ? op.tags[0] : null;
      const list = groups.get(tag) ?? [];
      list.push(operationView(doc.raw, path, method, op, pathItem));
      groups.set(tag, list);
    }
  }
  const declared = doc.tags.map((t) => t.name);
  const order = [
    ...declared.filter((t) => groups.has(t)),
    ...[...groups.keys()].filter((t): t is string => t !== null && !declared.includes(t)).sort(),
    ...(groups.has(null) ? [null] : []),
  ];
  return order.map((tag) => ({ tag, description: doc.tags.find((t) => t.name === tag)?.description, operations: groups.get(tag)! }));
}

/** Groups keeping only operations whose method, path, summary, operation id or tag contain the query (case-insensitive). */
export function filterGroups(groups: TTagGroup[], query: string): TTagGroup[] {
  const q = query.trim().toLowerCase();
  if (!q) return groups;
  return groups
    .map((g) => ({
      ...g,
      operations: g.operations.filter((o) => [o.method, o.path, o.summary, o.operationId, g.tag].some((f) => f?.toLowerCase().includes(q))),
    }))
    .filter((g) => g.operations.length > 0);
}
