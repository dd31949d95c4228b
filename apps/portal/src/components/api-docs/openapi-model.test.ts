import { describe, expect, it } from 'vitest';
import { filterGroups, groupOperations, inlineRefs, parseOpenApi, schemaType } from './openapi-model';

const spec = {
  openapi: '3.1.0',
  info: { title: 'MECport API', version: '1.0.0' },
  tags: [{ name: 'me', description: 'The caller' }, { name: 'apps' }],
  components: {
    schemas: {
      Me: { type: 'object', properties: { username: { type: 'string' }, tenant: { $ref: '#/components/schemas/Tenant' } } },
      Tenant: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } },
      Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } },
      Problem: { type: 'object', properties: { title: { type: 'string' } } },
    },
    parameters: { AppId: { name: 'appId', in: 'path', schema: { type: 'string', format: 'uuid' } } },
    responses: { Problem: { description: 'A problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } } },
  },
  paths: {
    '/api/v1/me': {
      get: {
        tags: ['me'], summary: 'Who am I', operationId: 'getMe', 'x-mecport-roles': [],
        responses: { '401': { $ref: '#/components/responses/Problem' }, '200': { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/Me' } } } } },
      },
    },
    '/api/v1/me/preferences': {
      put: {
        tags: ['me'], summary: 'Save preferences',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { locale: { enum: ['en', 'zh-CN'] } } } } } },
        responses: { '200': { description: 'OK' } },
      },
    },
    '/api/v1/apps/{appId}': {
      parameters: [{ $ref: '#/components/parameters/AppId' }, { name: 'verbose', in: 'query', schema: { type: 'boolean' } }],
      get: { tags: ['apps'], 'x-mecport-roles': ['developer', 'admin'], parameters: [{ name: 'verbose', in: 'query', required: true, deprecated: true, schema: { type: 'integer' } }], responses: {} },
      delete: { tags: ['zeta'], deprecated: true, responses: {} },
    },
    '/health': { get: { summary: 'Liveness', responses: { '200': { description: 'alive' } } } },
  },
};

describe('parseOpenApi', () => {
  it('accepts OpenAPI 3 and refuses anything else', () => {
    expect(parseOpenApi(spec)?.info).toEqual({ title: 'MECport API', version: '1.0.0', description: undefined });
    expect(parseOpenApi({ swagger: '2.0', paths: {} })).toBeNull();
    expect(parseOpenApi('<html>')).toBeNull();
    expect(parseOpenApi(null)).toBeNull();
  });
});

describe('groupOperations', () => {
  const groups = groupOperations(parseOpenApi(spec)!);

  it('groups by tag: declared order, then other tags, then untagged', () => {
    expect(groups.map((g) => [g.tag, g.operations.map((o) => o.key)])).toEqual([
      ['me', ['get /api/v1/me', 'put /api/v1/me/preferences']],
      ['apps', ['get /api/v1/apps/{appId}']],
      ['zeta', ['delete /api/v1/apps/{appId}']],
      [null, ['get /health']],
    ]);
    expect(groups[0]!.description).toBe('The caller');
  });

  it('reads x-mecport-roles: absent, empty, listed', () => {
    const ops = groups.flatMap((g) => g.operations);
    expect(ops.find((o) => o.key === 'get /api/v1/me')!.roles).toEqual([]);
    expect(ops.find((o) => o.key === 'get /api/v1/apps/{appId}')!.roles).toEqual(['developer', 'admin']);
    expect(ops.find((o) => o.key === 'get /health')!.roles).toBeNull();
  });

  it('merges path and operation parameters, resolving $refs', () => {
    const op = groups[1]!.operations[0]!;
    expect(op.parameters.map((p) => [p.name, p.in, p.required, p.type, p.deprecated])).toEqual([
      ['appId', 'path', true, 'string (uuid)', false],
      ['verbose', 'query', true, 'integer', true],
    ]);
  });

  it('resolves response $refs and inlines schemas, sorted by status', () => {
    const me = groups[0]!.operations[0]!;
    expect(me.responses.map((r) => [r.status, r.description, r.content.map((c) => c.mediaType)])).toEqual([
      ['200', 'OK', ['application/json']],
      ['401', 'A problem', ['application/problem+json']],
    ]);
    expect(me.responses[0]!.content[0]!.schema).toEqual({
      type: 'object', properties: { username: { type: 'string' }, tenant: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } } },
    });
  });

  it('reads request bodies and marks deprecated operations', () => {
    const prefs = groups[0]!.operations[1]!;
    expect(prefs.requestBody?.required).toBe(true);
    expect(prefs.requestBody?.content[0]!.mediaType).toBe('application/json');
    expect(groups[2]!.operations[0]!.deprecated).toBe(true);
    expect(groups[0]!.operations[0]!.requestBody).toBeNull();
  });
});

describe('inlineRefs', () => {
  it('stops at recursive references', () => {
    expect(inlineRefs(spec, { $ref: '#/components/schemas/Node' })).toEqual({
      type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } },
    });
  });
  it('keeps unresolvable references', () => {
    expect(inlineRefs(spec, { $ref: '#/components/schemas/Nope' })).toEqual({ $ref: '#/components/schemas/Nope' });
    expect(inlineRefs(spec, { $ref: 'https://example.com/x.json' })).toEqual({ $ref: 'https://example.com/x.json' });
  });
});

describe('schemaType', () => {
  it('labels common schemas', () => {
    expect(schemaType({ type: 'array', items: { type: 'string' } })).toBe('string[]');
    expect(schemaType({ type: ['string', 'null'] })).toBe('string | null');
    expect(schemaType({ enum: ['a', 'b'] })).toBe('"a" | "b"');
    expect(schemaType({})).toBeUndefined();
  });
});

describe('filterGroups', () => {
  const groups = groupOperations(parseOpenApi(spec)!);
  it('matches path, summary, method and tag, case-insensitively', () => {
    expect(filterGroups(groups, 'PREFERENCES').flatMap((g) => g.operations.map((o) => o.key))).toEqual(['put /api/v1/me/preferences']);
    expect(filterGroups(groups, 'delete').flatMap((g) => g.operations.map((o) => o.key))).toEqual(['delete /api/v1/apps/{appId}']);
    expect(filterGroups(groups, 'apps').map((g) => g.tag)).toEqual(['apps', 'zeta']);
    expect(filterGroups(groups, '  ')).toBe(groups);
    expect(filterGroups(groups, 'nothing-like-this')).toEqual([]);
  });
});
