/**
 * The "try it" request: an operation of an official MEC spec sent to one of the caller's
 * sandboxes through `ANY /api/v1/sandboxes/{sandboxId}/mec/{path}` (contracts sandbox-api.ts), where
 * `path` is the spec's base path and the operation's path (`location/v2/queries/zones`). Pure.
 *
 * @example
 *   tryItPath(sandboxId, '/location/v2', op, { zoneId: 'zone01' }, { })  // '/api/v1/sandboxes/<id>/mec/location/v2/queries/zones/zone01'
 */
import type { TSandbox } from '@mecport/contracts/sandbox';
import type { TOperationView } from '../api-docs/openapi-model';
import { exampleOf } from './schema-example';

/** Sandboxes whose MEC APIs answer (their processes are up). */
export const SANDBOX_UP: readonly TSandbox['status'][] = ['ready', 'running', 'paused'];

export function runningSandboxes(sandboxes: readonly TSandbox[]): TSandbox[] {
  return sandboxes.filter((s) => SANDBOX_UP.includes(s.status));
}

/** Editable starting values: path and query parameters' examples (query ones empty unless required). */
export function defaultParameterValues(op: TOperationView): Record<string, string> {
  const values: Record<string, string> = {};
  for (const p of op.parameters) {
    if (p.in !== 'path' && p.in !== 'query') continue;
    const example = exampleOf(p.schema);
    const first = Array.isArray(example) ? example[0] : example;
    const text = typeof first === 'string' || typeof first === 'number' || typeof first === 'boolean' ? String(first) : '';
    values[`${p.in}:${p.name}`] = p.in === 'path' || p.required ? (text === 'string' ? '' : text) : '';
  }
  return values;
}

/** The portal path for the request; query parameters left empty are left out. */
export function tryItPath(sandboxId: string, basePath: string, op: TOperationView, values: Record<string, string>): string {
  let path = op.path;
  const query = new URLSearchParams();
  for (const p of op.parameters) {
    const value = values[`${p.in}:${p.name}`] ?? '';
    if (p.in === 'path') path = path.replaceAll(`{${p.name}}`, encodeURIComponent(value));
    if (p.in === 'query' && value !== '') query.append(p.name, value);
  }
  const search = query.toString();
  const mecPath = `${basePath}${path}`.replace(/^\/+/, '');
  return `/api/v1/sandboxes/${encodeURIComponent(sandboxId)}/mec/${mecPath}${search ? `?${search}` : ''}`;
}
