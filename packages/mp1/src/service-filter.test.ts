import { describe, expect, it } from 'vitest';
import type { TServiceInfo } from '@mecport/contracts/mec011';
import { matchesCriteria, matchesQuery, ZServiceQuery } from './service-filter';

const svc = (over: Partial<TServiceInfo> = {}): TServiceInfo => ({
  serInstanceId: 's1', serName: 'rni', version: '1', state: 'ACTIVE', serializer: 'JSON', scopeOfLocality: 'MEC_HOST', consumedLocalOnly: false, isLocal: true,
  serCategory: { href: 'http://c.example/rni', id: 'cat-rni', name: 'RNI', version: '1' },
  transportInfo: { id: 't', name: 'REST', type: 'REST_HTTP', protocol: 'HTTP', version: '1.1', endpoint: { uris: ['http://x.example'] }, security: {} },
  ...over,
});

describe('ZServiceQuery', () => {
  it('reads repeated and comma-separated lists and boolean text', () => {
    expect(ZServiceQuery.parse({ ser_name: ['a', 'b,c'], is_local: 'false' })).toEqual({ ser_name: ['a', 'b', 'c'], is_local: false });
    expect(ZServiceQuery.parse({ ser_instance_id: 'x' })).toEqual({ ser_instance_id: ['x'] });
  });

  it('refuses combining the three ways to name services, unknown parameters and bad values', () => {
    expect(ZServiceQuery.safeParse({ ser_name: 'a', ser_category_id: 'c' }).success).toBe(false);
    expect(ZServiceQuery.safeParse({ ser_instance_id: 'a', ser_name: 'b' }).success).toBe(false);
    expect(ZServiceQuery.safeParse({ serName: 'a' }).success).toBe(false);
    expect(ZServiceQuery.safeParse({ consumed_local_only: '1' }).success).toBe(false);
    expect(ZServiceQuery.safeParse({ scope_of_locality: 'CITY' }).success).toBe(false);
  });
});

describe('matchesQuery', () => {
  it('ANDs every given attribute', () => {
    expect(matchesQuery(svc(), {})).toBe(true);
    expect(matchesQuery(svc(), { ser_category_id: 'cat-rni', is_local: true, scope_of_locality: 'MEC_HOST' })).toBe(true);
    expect(matchesQuery(svc(), { ser_category_id: 'cat-rni', is_local: false })).toBe(false);
    expect(matchesQuery(svc({ serCategory: undefined }), { ser_category_id: 'cat-rni' })).toBe(false);
    expect(matchesQuery(svc({ consumedLocalOnly: true }), { consumed_local_only: true })).toBe(true);
    expect(matchesQuery(svc(), { ser_instance_id: ['s2', 's3'] })).toBe(false);
  });
});

describe('matchesCriteria', () => {
  it('matches everything without criteria and ANDs the given ones, states judged after the change', () => {
    expect(matchesCriteria(svc(), undefined)).toBe(true);
    expect(matchesCriteria(svc(), { serNames: ['rni'], states: ['ACTIVE'], isLocal: true })).toBe(true);
    expect(matchesCriteria(svc(), { serNames: ['rni'], states: ['INACTIVE'] })).toBe(false);
    expect(matchesCriteria(svc({ state: 'INACTIVE' }), { states: ['INACTIVE'] })).toBe(true);
    expect(matchesCriteria(svc(), { serCategories: [{ href: 'http://c.example/x', id: 'cat-rni', name: 'other name', version: '2' }] })).toBe(true);
    expect(matchesCriteria(svc(), { serInstanceIds: ['s9'] })).toBe(false);
    expect(matchesCriteria(svc({ isLocal: false }), { isLocal: true })).toBe(false);
  });
});
