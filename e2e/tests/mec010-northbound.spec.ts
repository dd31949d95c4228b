/**
 * The MEC 010-2 northbound (issue 3, item 7) over HTTP against the seeded demo store: every
 * body, errors included, is validated with ajv against the schemas of the official ETSI OpenAPI
 * file (copied into e2e/fixtures/etsi-mec with its licence). Where that v2.1.1 file has a
 * placeholder or an evident copy-paste error, ERRATA below patches the schema, each with its reason.
 */
import { readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { TProblem } from '@mecport/contracts';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { parse } from 'yaml';
import { call, expectProblem } from '../support/auth-matrix';
import { expect, test } from '../support/fixtures';
import { E2E } from '../support/stack';
import { tokenFor } from '../support/tokens';

const SPEC_FILE = path.resolve(import.meta.dirname, '../fixtures/etsi-mec/MEC010-2_AppPkgMgmt.yaml');
const BASE = '/app_pkgm/v1';
const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const DEAD_ID = '00000000-0000-4000-8000-00000000dead';

type TSchema = Record<string, unknown>;
type TSpec = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, TSchema> }>>; components: { schemas: Record<string, TSchema>; responses: Record<string, TSchema> } };

/**
 * Patches to the published v2.1.1 schemas, the only ones applied:
 * - SwImageDescriptor, VirtualComputeDescription, VirtualStorageDescriptor and the two op configs are
 *   placeholders (`type: string`, "Ref NFV"); the AppD carries their NFV IFA011 structure (STANDARDS §1.6).
 * - TransportsSupported is declared as one object requiring `featureName` and `version` (copied from
 *   FeatureDependency); GS MEC 010-2 clause 6.2.1.x defines transportsSupported as 0..N {transport, serializers}.
 */
function applyErrata(schemas: Record<string, TSchema>): void {
  for (const name of ['SwImageDescriptor', 'VirtualComputeDescription', 'VirtualStorageDescriptor', 'TerminateAppInstanceOpConfig', 'ChangeAppInstanceStateOpConfig']) {
    schemas[name] = { description: 'Ref NFV (placeholder in the OpenAPI): a string or the NFV structure', anyOf: [{ type: 'string' }, { type: 'object' }] };
  }
  schemas.TransportsSupported = {
    type: 'array',
    items: { type: 'object', properties: { transport: { $ref: '#/components/schemas/TransportDescriptor' }, serializers: { $ref: '#/components/schemas/Serializers' } } },
  };
}

function loadSpec(): { spec: TSpec; validator: (ref: string) => ValidateFunction } {
  const text = readFileSync(SPEC_FILE, 'utf8');
  const spec = parse(text) as TSpec;
  // OpenAPI 3.0 schema objects are a JSON Schema draft-04/07 dialect: keywords like `example`
  // and `x-etsi-*` are not JSON Schema, hence strict: false; the spec's ad-hoc formats are registered.
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  (addFormatsPlugin as unknown as (a: Ajv) => Ajv)(ajv);
  ajv.addFormat('uint32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff });
  ajv.addFormat('Uint32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff });
  ajv.addFormat('enum', true);
  const components = structuredClone(spec.components);
  applyErrata(components.schemas);
  ajv.addSchema({ $id: 'mec010', components, paths: spec.paths }, 'mec010');
  return { spec, validator: (ref) => ajv.getSchema(`mec010#${ref}`)! };
}

const { spec, validator } = loadSpec();
/** JSON pointer escaping of a path key such as `/app_packages/{appPkgId}`. */
const pathRef = (p: string) => `/paths/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`;

function expectValid(ref: string, body: unknown): void {
  const validate = validator(ref);
  expect(validate, `schema ${ref}`).toBeDefined();
  const ok = validate(body);
  expect(validate.errors ?? [], `${ref} validation errors`).toEqual([]);
  expect(ok).toBe(true);
}

/** The operation's documented response schema, reached through the spec's own `$ref`s. */
const responseSchema = (specPath: string, status: string) => `${pathRef(specPath)}/get/responses/${status}/content/application~1json/schema`;
const problemSchema = (status: string) => `/components/responses/${status}/content/application~1json/schema`;

async function expectSpecProblem(response: Awaited<ReturnType<typeof call>>, status: number): Promise<TProblem> {
  const problem = await expectProblem(response, status);
  expectValid(problemSchema(String(status)), problem);
  expectValid('/components/schemas/ProblemDetails', problem);
  expect(problem.instance, 'instance is an absolute URI').toMatch(/^http:\/\/localhost:\d+\/app_pkgm\/v1\//);
  return problem;
}

interface TAppPkgInfo { id: string; appDId: string; appName: string; appProvider: string; appSoftwareVersion: string; appDVersion: string; checksum: { algorithm: string; hash: string }; softwareImages: { id: string }[]; onboardingState: string; operationalState: string; usageState: string; userDefinedData?: Record<string, unknown>; _links: Record<'self' | 'appD' | 'appPkgContent', { href: string }> }

test.describe('MEC 010-2 app package management northbound', () => {
  let operator: string;
  let packages: TAppPkgInfo[];

  test.beforeAll(async ({ request }) => {
    operator = await tokenFor('operator');
    const response = await call(request, { method: 'GET', path: `${BASE}/app_packages` }, operator);
    expect(response.status()).toBe(200);
    packages = (await response.json()) as TAppPkgInfo[];
  });

  test('the copied spec is the official MEC 010-2 v2.1.1 file with its licence', () => {
    expect(spec.openapi).toBe('3.0.0');
    expect(readFileSync(SPEC_FILE, 'utf8')).toContain('BSD-3-Clause');
    expect(readFileSync(path.resolve(path.dirname(SPEC_FILE), 'LICENSE'), 'utf8')).toContain('Copyright 2019 ETSI');
  });

  test('GET /app_packages lists every published demo version as spec-valid AppPkgInfo', async ({ request }) => {
    const response = await call(request, { method: 'GET', path: `${BASE}/app_packages` }, operator);
    expect(response.headers()['content-type']).toContain('application/json');
    const body = (await response.json()) as TAppPkgInfo[];
    expectValid(responseSchema('/app_packages', '200'), body);
    expect(body.length).toBeGreaterThanOrEqual(12);
    const video = body.find((p) => p.appName === 'Edge Video Analytics')!;
    expect(video).toMatchObject({
      appDId: 'mecport-demo-edge-video-analytics', appProvider: 'Acme Vision Labs', appSoftwareVersion: '1.2.0', appDVersion: '1.2.0',
      checksum: { algorithm: 'SHA-256', hash: expect.stringMatching(/^[0-9a-f]{64}$/) }, onboardingState: 'ONBOARDED', operationalState: 'ENABLED', usageState: 'NOT_IN_USE',
      userDefinedData: { architecture: 'x86_64', certified: true },
    });
    expect(video.softwareImages).toEqual([expect.objectContaining({ id: 'edge-video-analytics-image', name: 'edge-video-analytics', imagePath: 'Artifacts/Deployment/Kubernetes/edge-video-analytics.yaml' })]);
    const self = new URL(video._links.self.href);
    expect(self.pathname).toBe(`${BASE}/app_packages/${video.id}`);
    expect(video._links.appD.href).toBe(`${video._links.self.href}/appd`);
    expect(video._links.appPkgContent.href).toBe(`${video._links.self.href}/package_content`);
    // Both tenants' published apps: the store is public, so is its northbound.
    expect(body.map((p) => p.appName)).toEqual(expect.arrayContaining(['Crowd Density Monitor', 'Edge LLM Inference']));
  });

  test('filter and attribute selectors follow MEC 009 / SOL013, and a bad filter is a spec ProblemDetails', async ({ request }) => {
    const get = (query: string) => call(request, { method: 'GET', path: `${BASE}/app_packages?${query}` }, operator);
    const one = await get(`filter=${encodeURIComponent('(eq,appName,Edge Video Analytics)')}`);
    const filtered = (await one.json()) as TAppPkgInfo[];
    expectValid(responseSchema('/app_packages', '200'), filtered);
    expect(filtered.map((p) => p.appName)).toEqual(['Edge Video Analytics']);
    const arm = (await (await get(`filter=${encodeURIComponent('(eq,userDefinedData/architecture,aarch64);(neq,appProvider,Acme XR)')}`)).json()) as TAppPkgInfo[];
    expect(arm.length).toBeGreaterThan(0);
    expect(arm.every((p) => p.userDefinedData?.architecture === 'aarch64' && p.appProvider !== 'Acme XR')).toBe(true);
    const lean = (await (await get('exclude_default')).json()) as TAppPkgInfo[];
    expectValid(responseSchema('/app_packages', '200'), lean);
    expect(lean[0]).not.toHaveProperty('userDefinedData');

    const bad = await expectSpecProblem(await get(`filter=${encodeURIComponent('(gt,appName,A)')}`), 400);
    expect(bad.detail).toContain('filter');
    expect(bad.errors?.map((e) => e.field)).toEqual(['filter']);
    const badAttribute = await expectSpecProblem(await get(`filter=${encodeURIComponent('(eq,softwareImages,x)')}`), 400);
    expect(badAttribute.detail).toContain('softwareImages');
    await expectSpecProblem(await get('exclude_fields=checksum'), 400);
  });

  test('GET /app_packages/{appPkgId} answers one spec-valid AppPkgInfo; unknown, malformed and foreign-role calls are spec problems', async ({ request }) => {
    const first = packages[0]!;
    const response = await call(request, { method: 'GET', path: `${BASE}/app_packages/${first.id}` }, operator);
    expect(response.status()).toBe(200);
    const info = await response.json();
    expectValid(responseSchema('/app_packages/{appPkgId}', '200'), info);
    expect(info).toEqual(first);
    // The self link is what an orchestrator follows.
    expect((await call(request, { method: 'GET', path: first._links.self.href }, operator)).status()).toBe(200);

    await expectSpecProblem(await call(request, { method: 'GET', path: `${BASE}/app_packages/${DEAD_ID}` }, operator), 404);
    const malformed = await expectSpecProblem(await call(request, { method: 'GET', path: `${BASE}/app_packages/not-a-uuid` }, operator), 400);
    expect(malformed.errors?.map((e) => e.field)).toEqual(['appPkgId']);
    const forbidden = await expectSpecProblem(await call(request, { method: 'GET', path: `${BASE}/app_packages/${first.id}` }, await tokenFor('tester')), 403);
    expect(forbidden.detail).toContain('operator');
    await expectSpecProblem(await call(request, { method: 'GET', path: `${BASE}/app_packages` }, await tokenFor('tester')), 403);
    await expectSpecProblem(await call(request, { method: 'GET', path: `${BASE}/app_packages` }), 401);
    for (const role of ['store-admin', 'admin', 'globex-operator']) {
      expect((await call(request, { method: 'GET', path: `${BASE}/app_packages/${first.id}` }, await tokenFor(role))).status(), role).toBe(200);
    }
  });

  test('GET /app_packages/{appPkgId}/appd answers the AppD as JSON, valid against the spec\'s AppD', async ({ request }) => {
    for (const info of packages) {
      const response = await call(request, { method: 'GET', path: info._links.appD.href }, operator);
      expect(response.status(), info.appName).toBe(200);
      expect(response.headers()['content-type']).toContain('application/json');
      const appd = (await response.json()) as Record<string, unknown>;
      expectValid('/components/schemas/AppD', appd);
      expect(appd).toMatchObject({ appDId: info.appDId, appName: info.appName, appProvider: info.appProvider, appSoftVersion: info.appSoftwareVersion, appDVersion: info.appDVersion });
    }
    const zip = await request.fetch(packages[0]!._links.appD.href, { headers: { authorization: `Bearer ${operator}`, accept: 'application/zip' }, failOnStatusCode: false });
    expect((await expectSpecProblem(zip, 406)).detail).toContain('application/json');
    await expectSpecProblem(await call(request, { method: 'GET', path: `${BASE}/app_packages/${DEAD_ID}/appd` }, operator), 404);
    await expectSpecProblem(await call(request, { method: 'GET', path: `${BASE}/app_packages/${packages[0]!.id}/appd` }, await tokenFor('tester')), 403);
  });

  test('GET /app_packages/{appPkgId}/package_content streams the package with Range support; a missing file is a spec 404', async ({ request }) => {
    await expectSpecProblem(await call(request, { method: 'GET', path: `${BASE}/app_packages/${DEAD_ID}/package_content` }, operator), 404);
    await expectSpecProblem(await call(request, { method: 'GET', path: `${BASE}/app_packages/${packages[0]!.id}/package_content` }, await tokenFor('tester')), 403);
    // Where the e2e stack's blob store keeps a package (npm start put every demo package there).
    const blobFile = (digest: string) => path.join(REPO_ROOT, E2E.dataDir, 'blobs', 'sha256', digest.slice(0, 2), digest);
    const [withFile, withoutFile] = [packages[0]!, packages[1]!];
    const away = `${blobFile(withoutFile.checksum.hash)}.away`;
    renameSync(blobFile(withoutFile.checksum.hash), away);
    try {
      const missing = await expectSpecProblem(await call(request, { method: 'GET', path: withoutFile._links.appPkgContent.href }, operator), 404);
      expect(missing.detail).toContain(`sha256 ${withoutFile.checksum.hash}) is not in the blob store`);
    } finally {
      renameSync(away, blobFile(withoutFile.checksum.hash));
    }

    const digest = withFile.checksum.hash;
    const bytes = readFileSync(blobFile(digest));
    const href = withFile._links.appPkgContent.href;
    const fetchWith = (headers: Record<string, string>) => request.fetch(href, { headers: { authorization: `Bearer ${operator}`, ...headers }, failOnStatusCode: false });
    const whole = await fetchWith({});
    expect(whole.status()).toBe(200);
    // Next 16's sendResponse drops Content-Length from route handler responses (chunked); Content-Range and packageSize carry the size.
    expect(whole.headers()).toMatchObject({ 'content-type': 'application/zip', 'accept-ranges': 'bytes', etag: `"${digest}"` });
    expect(whole.headers()['content-disposition']).toMatch(/^attachment; filename=".+\.zip"$/);
    expect(Buffer.compare(await whole.body(), bytes)).toBe(0);

    const part = await fetchWith({ range: 'bytes=4-13' });
    expect(part.status()).toBe(206);
    expect(part.headers()['content-range']).toBe(`bytes 4-13/${bytes.length}`);
    expect(Buffer.compare(await part.body(), bytes.subarray(4, 14))).toBe(0);
    const tail = await fetchWith({ range: 'bytes=-14' });
    expect(tail.status()).toBe(206);
    expect(Buffer.compare(await tail.body(), bytes.subarray(bytes.length - 14))).toBe(0);
    expect((await fetchWith({ range: 'bytes=4-13', 'if-range': '"stale"' })).status()).toBe(200);

    const beyond = await fetchWith({ range: `bytes=${bytes.length}-` });
    expect(beyond.headers()['content-range']).toBe(`bytes */${bytes.length}`);
    const unsatisfiable = await expectProblem(beyond, 416);
    expectValid('/components/schemas/ProblemDetails', unsatisfiable);
    await expectSpecProblem(await fetchWith({ accept: 'application/json' }), 406);
  });

  test('the northbound is in /api/openapi.json with its roles', async ({ request }) => {
    const doc = (await (await request.get('/api/openapi.json')).json()) as { paths: Record<string, { get?: { 'x-mecport-roles'?: string[] } }> };
    for (const p of ['/app_packages', '/app_packages/{appPkgId}', '/app_packages/{appPkgId}/appd', '/app_packages/{appPkgId}/package_content']) {
      expect(doc.paths[`${BASE}${p}`]?.get?.['x-mecport-roles'], p).toEqual(['operator', 'store-admin', 'admin']);
    }
  });
});
