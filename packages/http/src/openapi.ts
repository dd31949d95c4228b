/** OpenAPI 3.1 generated from the very zod schemas that validate requests (zod-openapi). */
import { ZProblem } from '@mecport/contracts';
import type { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import type { TAnyRoute } from './define-route';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors` names each offending field',
  401: 'No or invalid access token',
  403: 'The caller lacks a required role or tenant',
  404: 'Not found (or not visible to the caller\'s tenant)',
  409: 'Conflicts with the current state',
  413: 'Payload too large',
  415: 'Unsupported media type',
  500: 'Unexpected error; the body carries only a request id',
  501: 'Not implemented yet',
  503: 'A dependency (database, identity provider) is unavailable',
};

function problemResponses(route: TAnyRoute): Record<string, { description: string; content: Record<string, { schema: z.ZodType }> }> {
  const statuses = new Set<number>([400, 500, ...(route.errors ?? [])]);
  if (route.body) statuses.add(415);
  if (route.auth.kind !== 'public') [401, 403].forEach((s) => statuses.add(s));
  return Object.fromEntries(
    [...statuses].sort().map((status) => [String(status), { description: ERROR_DESCRIPTIONS[status] ?? 'Error', content: { 'application/problem+json': { schema: ZProblem } } }]),
  );
}

function rolesOf(route: TAnyRoute): string[] {
  if (route.auth.kind === 'public') return ['public'];
  if (route.auth.kind === 'agent') return ['edge agent'];
  return route.auth.roles === 'any' ? ['any signed-in user'] : [...route.auth.roles];
}

function operationOf(route: TAnyRoute): ZodOpenApiOperationObject {
  const success = route.response.schema
    ? { description: route.response.description, content: { [route.response.mediaType ?? 'application/json']: { schema: route.response.schema as z.ZodType } } }
    : { description: route.response.description };
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    tags: route.tags,
    security: route.auth.kind === 'user' ? [{ bearerAuth: [] }] : route.auth.kind === 'agent' ? [{ agentJwt: [] }] : [],
    'x-mecport-roles': rolesOf(route),
    requestParams: { ...(route.params ? { path: route.params } : {}), ...(route.query ? { query: route.query } : {}) },
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: route.body as z.ZodType } } } } : {}),
    responses: { [String(route.response.status)]: success, ...problemResponses(route) },
  } as ZodOpenApiOperationObject;
}

export type TOpenApiInfo = { title: string; version: string; description?: string };

export function buildOpenApiDocument(routes: readonly TAnyRoute[], info: TOpenApiInfo) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operationOf(route) };
  }
  return createDocument({
    openapi: '3.1.0',
    info,
    paths,
    components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An OIDC access token from the dev IdP or Keycloak (`npm run token -- operator`)' },
      agentJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A short-lived EdDSA JWT a MEP agent signs with the key it enrolled (kid = credentialId, aud = mecport-edge)' },
    } },
  });
}
