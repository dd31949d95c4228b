import { describe, expect, it } from 'vitest';
import { UnfilteredWriteError, assertFilteredWrite, isUnfilteredWhere } from './guard';

describe('isUnfilteredWhere', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an empty object', {}],
    ['only undefined properties', { tenantId: undefined, id: undefined }],
    ['an empty nested filter', { tenantId: { equals: undefined } }],
    ['AND over empty filters', { AND: [{}, { id: undefined }] }],
    ['AND over an empty object', { AND: {} }],
    ['an empty relation filter', { tenant: {} }],
  ])('treats %s as selecting every row', (_label, where) => {
    expect(isUnfilteredWhere(where)).toBe(true);
  });

  it.each([
    ['a field value', { tenantId: 't1' }],
    ['a null comparison', { targetId: null }],
    ['a nested filter', { createdAt: { lt: new Date() } }],
    ['a Date value', { createdAt: new Date() }],
    ['OR', { OR: [] }],
    ['NOT', { NOT: { id: 'x' } }],
    ['AND with one real filter', { AND: [{}, { id: 'x' }] }],
    ['a mix of undefined and real values', { tenantId: undefined, id: 'x' }],
  ])('accepts %s', (_label, where) => {
    expect(isUnfilteredWhere(where)).toBe(false);
  });
});

describe('assertFilteredWrite', () => {
  it('throws an UnfilteredWriteError naming the model and operation', () => {
    expect(() => assertFilteredWrite('AuditEvent', 'deleteMany', {})).toThrow(UnfilteredWriteError);
    expect(() => assertFilteredWrite('AuditEvent', 'deleteMany', undefined)).toThrow(/AuditEvent\.deleteMany\(\) without a where filter/);
    expect(() => assertFilteredWrite('Tenant', 'updateMany', { data: { name: 'x' } })).toThrow(/Tenant\.updateMany/);
  });
  it('lets filtered writes through', () => {
    expect(() => assertFilteredWrite('Tenant', 'updateMany', { where: { slug: 'a' }, data: {} })).not.toThrow();
  });
});
