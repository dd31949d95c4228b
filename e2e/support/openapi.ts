/** Reads the portal's OpenAPI document and walks its operations, so tests cover every route. */
import type { APIRequestContext } from '@playwright/test';

export interface TOperation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  roles: string[];
  parameters: { name: string; in: 'path' | 'query'; required?: boolean; schema: Record<string, unknown> }[];
  bodySchema?: { type?: string; required?: string[]; properties?: Record<string, unknown> };
}

export type TOpenApiDoc = { openapi: string; paths: Record<string, Record<string, Record<string, unknown>>>; components?: { schemas?: Record<string, unknown> } };

function resolveRef<T>(doc: TOpenApiDoc, schema: T | { $ref: string } | undefined): T | undefined {
  if (schema && typeof schema === 'object' && '$ref' in schema) return doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')] as T;
  return schema as T | undefined;
}

export async function fetchOpenApi(request: APIRequestContext): Promise<TOpenApiDoc> {
  const response = await request.get('/api/openapi.json');
  if (!response.ok()) throw new Error(`/api/openapi.json answered ${response.status()}`);
  return (await response.json()) as TOpenApiDoc;
}

export function operationsOf(doc: TOpenApiDoc): TOperation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const body = (op.requestBody as { content?: Record<string, { schema?: TOperation['bodySchema'] }> } | undefined)?.content?.['application/json']?.schema;
      return { method: method.toUpperCase() as TOperation['method'], path, roles: (op['x-mecport-roles'] as string[]) ?? [], parameters: (op.parameters as TOperation['parameters']) ?? [], bodySchema: resolveRef(doc, body) };
    }),
  );
}

/** A concrete URL for a path template; path parameters get a well-formed but unknown UUID. */
export function concretePath(path: string, value = '00000000-0000-4000-8000-00000000dead'): string {
  return path.replace(/\{[^}]+\}/g, value);
}
