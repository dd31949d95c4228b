import { describe, expect, it } from 'vitest';
import { isApiPath } from './portal-server';

describe('isApiPath', () => {
  it('gives the API its paths and the UI the rest', () => {
    for (const url of ['/api/health', '/api/v1/me?x=1', '/api', '/api?x', '/app_pkgm/v1/app_packages', '/api/openapi.json']) expect(isApiPath(url), url).toBe(true);
    for (const url of ['/', '/api-docs', '/apis', '/edge-map/tiles/1/2/3.png', '/store/apps', '/app_pkgmx', '/_next/static/x.js']) expect(isApiPath(url), url).toBe(false);
  });
});
