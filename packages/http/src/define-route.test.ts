import { AppError, type TProblem } from '@mecport/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { publicAccess, withUser } from './auth';
import { createApi } from './define-route';
import { createLogger } from './logger';
import { buildOpenApiDocument } from './openapi';
import { startLocalIssuer, type TLocalIssuer } from './test-support/local-issuer';
import { createTokenVerifier, type TUserPrincipal } from './token-verifier';

let idp: TLocalIssuer;
beforeAll(async () => { idp = await startLocalIssuer(); });
afterAll(async () => { await idp.close(); });

function makeApi() {
  const api = createApi<TUserPrincipal>({
    log: createLogger('test', 'silent'),
    tokenVerifier: () => createTokenVerifier({ issuer: idp.issuer, audience: 'mecport-api', tenantClaim: 'tenant' }),
    resolveActor: async (principal) => principal,
  });
  const echo = api.route({
    method: 'PUT', path: '/api/v1/things/{id}', operationId: 'putThing', summary: 'Put a thing', tags: ['Things'],
    auth: withUser({ roles: ['operator'] }),
    params: z.object({ id: z.string().uuid() }),
    query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
    body: z.object({ name: z.string().min(1), size: z.number().int().positive() }),
    response: { status: 200, description: 'The thing', schema: z.object({ id: z.string(), name: z.string(), by: z.string() }) },
    handler: async ({ params, body, actor }) => ({ id: params.id, name: body.name, by: actor.username }),
  });
  const boom = api.route({
    method: 'GET', path: '/api/v1/boom', operationId: 'boom', summary: 'Fails', tags: ['Things'], auth: publicAccess(),
    response: { status: 200, description: 'never', schema: z.object({ ok: z.boolean() }) },
    handler: async () => { throw new Error('secret database detail'); },
  });
  const liar = api.route({
    method: 'GET', path: '/api/v1/liar', operationId: 'liar', summary: 'Answers off-schema', tags: ['Things'], auth: publicAccess(),
    response: { status: 200, description: 'never', schema: z.object({ ok: z.boolean() }) },
    handler: async () => ({ ok: 'yes' }) as unknown as { ok: boolean },
  });
  const gone = api.route({
    method: 'GET', path: '/api/v1/gone', operationId: 'gone', summary: 'Not found', tags: ['Things'], auth: publicAccess(),
    response: { status: 200, description: 'never' }, errors: [404],
    handler: async () => { throw new AppError('not-found', 'No such thing'); },
  });
  return { api, echo, boom, liar, gone };
}

const problemOf = (res: Response) => res.json() as Promise<TProblem>;
const ID = '5b3c3f4e-8a63-4d7e-9d4b-1f0b5e1a2c3d';
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const put = (headers: Record<string, string>, body: string, id = ID) =>
  [new Request(`http://x/api/v1/things/${id}`, { method: 'PUT', headers, body }), ctx(id)] as const;

describe('createApi route handling', () => {
  const { api, echo, boom, liar, gone } = makeApi();
  const json = { 'content-type': 'application/json' };

  it('answers 401 problem+json without a token', async () => {
    const res = await echo.handle(...put(json, '{}'));
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    const problem = await problemOf(res);
    expect(problem).toMatchObject({ type: 'urn:mecport:problem:unauthenticated', status: 401 });
    expect(problem.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('answers 401 for an expired or foreign token', async () => {
    const expired = await idp.sign({ sub: 'u1', tenant: 't', realm_access: { roles: ['operator'] } }, { expiresIn: '-1m' });
    const res = await echo.handle(...put({ ...json, authorization: `Bearer ${expired}` }, '{}'));
    expect(res.status).toBe(401);
    expect((await problemOf(res)).detail).toContain('expired');
    const wrongAudience = await idp.sign({ sub: 'u1', tenant: 't', realm_access: { roles: ['operator'] } }, { audience: 'other' });
    expect((await echo.handle(...put({ ...json, authorization: `Bearer ${wrongAudience}` }, '{}'))).status).toBe(401);
  });

  it('answers 403 naming the needed roles for the wrong role, and for a tenant-less account', async () => {
    const dev = await idp.sign({ sub: 'u1', tenant: 't', realm_access: { roles: ['developer'] } });
    const res = await echo.handle(...put({ ...json, authorization: `Bearer ${dev}` }, '{"name":"a","size":1}'));
    expect(res.status).toBe(403);
    expect((await problemOf(res)).detail).toContain('operator');
    const noTenant = await idp.sign({ sub: 'u1', realm_access: { roles: ['operator'] } });
    expect((await echo.handle(...put({ ...json, authorization: `Bearer ${noTenant}` }, '{"name":"a","size":1}'))).status).toBe(403);
  });

  it('answers 400 naming the field for malformed params, query, body and JSON', async () => {
    const token = await idp.sign({ sub: 'u1', preferred_username: 'olga', tenant: 't', realm_access: { roles: ['operator'] } });
    const auth = { ...json, authorization: `Bearer ${token}` };
    const bad = async (res: Response) => { expect(res.status).toBe(400); const p = await problemOf(res); return { ...p, errors: p.errors ?? [] }; };
    expect((await bad(await echo.handle(...put(auth, '{"name":"a","size":1}', 'nope')))).errors[0]).toMatchObject({ in: 'params', field: 'id' });
    expect((await bad(await echo.handle(...put(auth, '{"name":"a","size":-3}')))).errors[0]).toMatchObject({ in: 'body', field: 'size' });
    expect((await bad(await echo.handle(...put(auth, '{"name":')))).detail).toContain('not valid JSON');
    const req = new Request(`http://x/api/v1/things/${ID}?dryRun=maybe`, { method: 'PUT', headers: auth, body: '{"name":"a","size":1}' });
    expect((await bad(await echo.handle(req, ctx(ID)))).errors[0]).toMatchObject({ in: 'query', field: 'dryRun' });
    expect((await echo.handle(...put({ authorization: `Bearer ${token}`, 'content-type': 'text/plain' }, 'x'))).status).toBe(415);
  });

  it('answers 400 naming the field for a NUL character in params, query or body, whatever the schema', async () => {
    const token = await idp.sign({ sub: 'u1', preferred_username: 'olga', tenant: 't', realm_access: { roles: ['operator'] } });
    const auth = { ...json, authorization: `Bearer ${token}` };
    const fieldsOf = async (res: Response) => { expect(res.status).toBe(400); return ((await problemOf(res)).errors ?? []).map((e) => `${e.in}.${e.field}`); };
    expect(await fieldsOf(await echo.handle(...put(auth, JSON.stringify({ name: 'a\u0000b', size: 1 }))))).toEqual(['body.name']);
    const query = new Request(`http://x/api/v1/things/${ID}?dryRun=tr%00ue`, { method: 'PUT', headers: auth, body: '{"name":"a","size":1}' });
    expect(await fieldsOf(await echo.handle(query, ctx(ID)))).toEqual(['query.dryRun']);
    expect(await fieldsOf(await echo.handle(...put(auth, '{"name":"a","size":1}', `${ID}\u0000`)))).toEqual(['params.id']);
  });

  it('runs the handler for the right role and keeps a well-formed incoming request id', async () => {
    const token = await idp.sign({ sub: 'u1', preferred_username: 'olga', tenant: 't', realm_access: { roles: ['operator', 'unknown-role'] } });
    const res = await echo.handle(...put({ ...json, authorization: `Bearer ${token}`, 'x-request-id': 'trace-12345678' }, '{"name":"a","size":1}'));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('trace-12345678');
    expect(await res.json()).toEqual({ id: ID, name: 'a', by: 'olga' });
  });

  it('masks unknown errors and off-schema responses behind a request id', async () => {
    for (const route of [boom, liar]) {
      const res = await route.handle(new Request('http://x/api/v1/boom'));
      expect(res.status).toBe(500);
      const problem = await problemOf(res);
      expect(JSON.stringify(problem)).not.toContain('secret');
      expect(problem.detail).toContain(problem.requestId);
    }
    const res = await gone.handle(new Request('http://x/api/v1/gone'));
    expect(res.status).toBe(404);
    expect((await problemOf(res)).detail).toBe('No such thing');
  });

  it('documents every route in OpenAPI 3.1 with roles and problem responses', () => {
    const doc = buildOpenApiDocument(api.routes, { title: 't', version: '1' });
    expect(doc.openapi).toBe('3.1.0');
    const op = doc.paths?.['/api/v1/things/{id}']?.put as Record<string, unknown> & { responses: Record<string, unknown>; parameters: { name: string; in: string }[] };
    expect(op['x-mecport-roles']).toEqual(['operator']);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '415', '500']));
    expect(op.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(expect.arrayContaining(['path:id', 'query:dryRun']));
    expect(Object.keys(doc.paths ?? {})).toHaveLength(4);
    expect(doc.components?.schemas?.Problem).toBeDefined();
  });
});

describe('a route without a response schema', () => {
  it('answers its declared status with no body when the handler returns nothing (202 Accepted)', async () => {
    const api = createApi<TUserPrincipal>({
      log: createLogger('test', 'silent'),
      tokenVerifier: () => createTokenVerifier({ issuer: idp.issuer, audience: 'mecport-api', tenantClaim: 'tenant' }),
      resolveActor: async (principal) => principal,
    });
    const accepted = api.route({
      method: 'POST', path: '/api/v1/nudge', operationId: 'nudge', summary: 'Accepted, no body', tags: ['Things'], auth: publicAccess(),
      response: { status: 202, description: 'Accepted' },
      handler: async () => undefined,
    });
    const res = await accepted.handle(new Request('http://x/api/v1/nudge', { method: 'POST' }), ctx(ID));
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
  });
});
