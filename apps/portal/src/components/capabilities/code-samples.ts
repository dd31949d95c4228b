/**
 * Code samples for one OpenAPI operation, generated from the operation itself: the request an
 * app would send (path parameters and required query parameters filled with example values from
 * their schemas, a JSON body from the request schema), as a curl command, TypeScript (fetch) and
 * Python (requests). Pure, so it is unit-tested (the curl sample parses as a shell command).
 *
 * @example
 *   const request = sampleRequest(op, 'https://mec.example.com/location/v2');
 *   codeSamples(request).curl // "curl -X GET 'https://mec.example.com/location/v2/queries/zones' \\\n  -H 'Accept: application/json'"
 */
import type { TOperationView } from '../api-docs/openapi-model';
import { exampleOf } from './schema-example';

export interface TSampleRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The JSON body, or `undefined` when the operation takes none. */
  body: unknown;
}

export type TSampleLanguage = 'curl' | 'typescript' | 'python';
export const SAMPLE_LANGUAGES: readonly TSampleLanguage[] = ['curl', 'typescript', 'python'];

function scalar(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/** A path parameter's example, else its name (so the URL stays readable and valid). */
function pathValue(name: string, schema: unknown): string {
  const value = exampleOf(schema);
  const text = Array.isArray(value) ? scalar(value[0]) : scalar(value);
  return text === 'string' || text === '{}' || text === '' ? name : text;
}

function jsonBody(op: TOperationView): { mediaType: string; schema: unknown } | null {
  const content = op.requestBody?.content ?? [];
  return content.find((c) => c.mediaType.includes('json')) ?? content[0] ?? null;
}

export function sampleRequest(op: TOperationView, apiRoot: string): TSampleRequest {
  let path = op.path;
  const query = new URLSearchParams();
  for (const p of op.parameters) {
    if (p.in === 'path') path = path.replaceAll(`{${p.name}}`, encodeURIComponent(pathValue(p.name, p.schema)));
    if (p.in === 'query' && p.required) {
      const value = exampleOf(p.schema);
      for (const v of Array.isArray(value) ? value : [value]) query.append(p.name, scalar(v));
    }
  }
  const search = query.toString();
  const body = jsonBody(op);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body) headers['Content-Type'] = body.mediaType;
  return {
    method: op.method.toUpperCase(), url: `${apiRoot.replace(/\/$/, '')}${path}${search ? `?${search}` : ''}`, headers,
    body: body ? exampleOf(body.schema) : undefined,
  };
}

/** A POSIX shell word: single-quoted, with `'` written as `'\''`. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", "'\\''")}'`;
}

export function curlSample(r: TSampleRequest): string {
  const lines = [`curl -X ${r.method} ${shellQuote(r.url)}`, ...Object.entries(r.headers).map(([k, v]) => `  -H ${shellQuote(`${k}: ${v}`)}`)];
  if (r.body !== undefined) lines.push(`  --data ${shellQuote(JSON.stringify(r.body, null, 2))}`);
  return lines.join(' \\\n');
}

export function typescriptSample(r: TSampleRequest): string {
  const headers = Object.entries(r.headers).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ');
  const lines = [
    `const response = await fetch(${JSON.stringify(r.url)}, {`,
    `  method: ${JSON.stringify(r.method)},`,
    `  headers: { ${headers} },`,
  ];
  if (r.body !== undefined) lines.push(`  body: JSON.stringify(${JSON.stringify(r.body, null, 2).replaceAll('\n', '\n  ')}),`);
  lines.push('});', 'console.log(response.status, await response.text());');
  return lines.join('\n');
}

/** A JSON value as a Python literal (True/False/None; strings JSON-escaped, which Python reads alike). */
export function pythonLiteral(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number' || typeof value === 'string') return JSON.stringify(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[\n${value.map((v) => `${inner}${pythonLiteral(v, inner)}`).join(',\n')},\n${indent}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.length === 0 ? '{}' : `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pythonLiteral(v, inner)}`).join(',\n')},\n${indent}}`;
}

export function pythonSample(r: TSampleRequest): string {
  const lines = [
    'import requests',
    '',
    `response = requests.request(`,
    `    ${JSON.stringify(r.method)},`,
    `    ${JSON.stringify(r.url)},`,
    `    headers=${pythonLiteral(r.headers, '    ')},`,
  ];
  if (r.body !== undefined) lines.push(`    json=${pythonLiteral(r.body, '    ')},`);
  lines.push(')', 'print(response.status_code, response.text)');
  return lines.join('\n');
}

export function codeSamples(r: TSampleRequest): Record<TSampleLanguage, string> {
  return { curl: curlSample(r), typescript: typescriptSample(r), python: pythonSample(r) };
}
