/**
 * An example value for a JSON Schema (OpenAPI 3.1), for code samples and the "try it" form: the
 * schema's own `example`/`examples`/`default`/`const`/first `enum` value when it has one, else a
 * value of its type (objects list their required properties, or all when none is required).
 * Pure and finite: recursion stops at a depth limit and at `$ref`s left unresolved (cycles).
 *
 * @example
 *   exampleOf({ type: 'object', required: ['radius'], properties: { radius: { type: 'number', example: 100 } } }) // { radius: 100 }
 */

type TJson = Record<string, unknown>;
const isObject = (v: unknown): v is TJson => v !== null && typeof v === 'object' && !Array.isArray(v);

const MAX_DEPTH = 8;

const STRING_FORMATS: Record<string, string> = {
  'date-time': '2026-01-01T00:00:00Z', date: '2026-01-01', uri: 'http://127.0.0.1:8080/callback', url: 'http://127.0.0.1:8080/callback',
  uuid: '00000000-0000-4000-8000-000000000001', ipv4: '10.0.0.1', ipv6: '2001:db8::1', email: 'dev@example.com',
};

function declaredExample(schema: TJson): { value: unknown } | null {
  if ('example' in schema) return { value: schema.example };
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return { value: schema.examples[0] };
  if ('const' in schema) return { value: schema.const };
  if ('default' in schema) return { value: schema.default };
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return { value: schema.enum[0] };
  return null;
}

function typeOf(schema: TJson): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null') as string | undefined;
  if (typeof schema.type === 'string') return schema.type;
  if (isObject(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

function objectExample(schema: TJson, depth: number): TJson {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
  const names = required.length > 0 ? required : Object.keys(properties);
  return Object.fromEntries(names.map((name) => [name, exampleOf(properties[name] ?? {}, depth + 1)]));
}

export function exampleOf(schema: unknown, depth = 0): unknown {
  if (!isObject(schema) || depth > MAX_DEPTH || typeof schema.$ref === 'string') return {};
  const declared = declaredExample(schema);
  if (declared) return declared.value;
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...schema.allOf.map((s) => exampleOf(s, depth + 1)).filter(isObject));
  for (const key of ['oneOf', 'anyOf'] as const) {
    const first: unknown = Array.isArray(schema[key]) ? schema[key][0] : undefined;
    if (first !== undefined) return exampleOf(first, depth + 1);
  }
  switch (typeOf(schema)) {
    case 'object': return objectExample(schema, depth);
    case 'array': return [exampleOf(schema.items, depth + 1)];
    case 'integer': return typeof schema.minimum === 'number' ? Math.ceil(schema.minimum) : 0;
    case 'number': return typeof schema.minimum === 'number' ? schema.minimum : 0;
    case 'boolean': return true;
    case 'string': return (typeof schema.format === 'string' && STRING_FORMATS[schema.format]) || 'string';
    default: return {};
  }
}
