/**
 * Package upload through the real HTTP endpoint with tus-js-client from Node: the upload is
 * killed half way and resumed by a new client from the server's offset, validated by the worker,
 * and downloaded with Range requests. Plus the tus endpoint's authorization matrix, which the
 * OpenAPI walker cannot cover for HEAD, and cancel.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { cpSync, createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildPackage } from '@mecport/app-package';
import type { TApp, TAppVersion, TStoreAppDetail, TUpload, TUploadPage } from '@mecport/contracts';
import * as tus from 'tus-js-client';
import { call, expectProblem } from '../support/auth-matrix';
import { expect, test } from '../support/fixtures';
import { E2E } from '../support/stack';
import { tokenFor } from '../support/tokens';
import { giveOwnAppDId } from '../support/uploads';

const ENDPOINT = `${E2E.portalUrl}/api/v1/uploads`;
/** The stack's data directory (blobs/, uploads/), as `npm start` resolves E2E.dataDir against the repo root. */
const DATA_DIR = path.resolve(import.meta.dirname, '../..', E2E.dataDir);
const CHUNK = 512 * 1024;
const work = mkdtempSync(path.join(tmpdir(), 'mecport-e2e-upload-'));
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

type TRequest = Parameters<typeof call>[0];

async function newApp(request: TRequest, token: string): Promise<TApp> {
  const slug = `upload-${randomUUID().slice(0, 8)}`;
  const response = await call(request, { method: 'POST', path: '/api/v1/apps', body: { slug, name: `Upload ${slug}`, provider: 'Acme', category: 'other' } }, token);
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as TApp;
}

/** A real package with a unique digest: the hello-mec example plus an incompressible artefact (a few MB by default). */
async function bigPackage(payloadBytes = 5 * 1024 * 1024 + 123): Promise<string> {
  const name = randomUUID();
  const dir = path.join(work, name);
  cpSync(path.resolve(import.meta.dirname, '../../packages/app-package/examples/hello-mec'), dir, { recursive: true });
  giveOwnAppDId(dir); // the example's appDId may belong to an app another test published
  writeFileSync(path.join(dir, 'Artifacts', 'payload.bin'), randomBytes(payloadBytes));
  const out = path.join(work, `${name}.csar`);
  await buildPackage({ dir, out });
  return out;
}

/** Uploads a file in one go and waits for its validation to end. */
async function uploadAndWait(request: TRequest, token: string, appId: string, file: string, version: string): Promise<TUpload> {
  let url = '';
  await new Promise<void>((resolve, reject) => {
    const upload: tus.Upload = new tus.Upload(createReadStream(file), tusOptions(token, file, { metadata: { appId, version, filename: path.basename(file) }, onError: reject, onSuccess: () => { url = upload.url ?? ''; resolve(); } }));
    upload.start();
  });
  return pollUpload(request, token, appId, url.split('/').at(-1)!, (u) => u.state === 'failed' || u.state === 'validated');
}

function tusOptions(token: string, file: string, extra: Partial<tus.UploadOptions>): tus.UploadOptions {
  return { endpoint: ENDPOINT, uploadSize: statSync(file).size, chunkSize: CHUNK, retryDelays: [], headers: { Authorization: `Bearer ${token}` }, ...extra };
}

async function head(url: string, token?: string): Promise<Response> {
  return fetch(url, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0', ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
}

async function pollUpload(request: TRequest, token: string, appId: string, uploadId: string, until: (u: TUpload) => boolean): Promise<TUpload> {
  for (let i = 0; i < 120; i += 1) {
    const response = await call(request, { method: 'GET', path: `/api/v1/apps/${appId}/uploads/${uploadId}` }, token);
    expect(response.status()).toBe(200);
    const upload = (await response.json()) as TUpload;
    if (until(upload)) return upload;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`upload ${uploadId} did not reach the expected state`);
}

test('an upload killed half way resumes from the server\'s offset, validates, and downloads with ranges', async ({ request }) => {
  test.setTimeout(120_000);
  const developer = await tokenFor('developer');
  const app = await newApp(request, developer);
  const file = await bigPackage();
  const bytes = readFileSync(file);
  const size = bytes.length;
  const metadata = { appId: app.id, version: '1.0.0', filename: 'big.csar' };

  // 1. First client: stop after half of the chunks, as if the network dropped.
  let uploadUrl = '';
  let accepted = 0;
  await new Promise<void>((resolve, reject) => {
    const first: tus.Upload = new tus.Upload(createReadStream(file), tusOptions(developer, file, {
      metadata,
      onError: reject,
      onSuccess: () => reject(new Error('the first client should not finish')),
      onChunkComplete: (_chunk, bytesAccepted) => {
        accepted = bytesAccepted;
        uploadUrl = first.url ?? '';
        if (bytesAccepted >= size / 2) void first.abort().then(() => resolve());
      },
    }));
    first.start();
  });
  expect(uploadUrl).toMatch(new RegExp(`^${ENDPOINT}/[0-9a-f-]{36}$`));
  const uploadId = uploadUrl.split('/').at(-1)!;
  expect(accepted).toBeGreaterThan(0);
  expect(accepted).toBeLessThan(size);

  const offset = await head(uploadUrl, developer);
  expect(offset.status).toBe(200);
  expect(Number(offset.headers.get('upload-offset'))).toBe(accepted);
  expect(Number(offset.headers.get('upload-length'))).toBe(size);
  const midway = await pollUpload(request, developer, app.id, uploadId, () => true);
  expect(midway).toMatchObject({ state: 'uploading', offset: accepted, size, version: '1.0.0', filename: 'big.csar', report: null, versionId: null });

  // 2. A new client (a reload) resumes from the server's offset: only the rest is sent.
  let firstResumedOffset = -1;
  await new Promise<void>((resolve, reject) => {
    const second = new tus.Upload(createReadStream(file), tusOptions(developer, file, {
      uploadUrl,
      onError: reject,
      onSuccess: () => resolve(),
      onChunkComplete: (chunk, bytesAccepted) => { if (firstResumedOffset < 0) firstResumedOffset = bytesAccepted - chunk; },
    }));
    second.start();
  });
  expect(firstResumedOffset, 'the second client started where the first one stopped').toBe(accepted);

  // 3. The worker validates it into a version.
  const done = await pollUpload(request, developer, app.id, uploadId, (u) => u.state !== 'uploading' && u.state !== 'validating');
  expect(done.error).toBeNull();
  expect(done).toMatchObject({ state: 'validated', offset: size, progress: { phase: 'done' } });
  expect(done.report?.summary.fail).toBe(0);
  expect(done.report?.checks.some((c) => c.id === 'manifest.digest' && c.file === 'Artifacts/payload.bin' && c.status === 'pass')).toBe(true);
  const list = (await (await call(request, { method: 'GET', path: `/api/v1/apps/${app.id}/uploads` }, developer)).json()) as TUploadPage;
  expect(list.items.map((u) => u.id)).toEqual([uploadId]);
  const versions = (await (await call(request, { method: 'GET', path: `/api/v1/apps/${app.id}/versions` }, developer)).json()) as { items: TAppVersion[] };
  const version = versions.items[0]!;
  expect(version).toMatchObject({ id: done.versionId, version: '1.0.0', status: 'validated', packageSize: size, packageDigest: createHash('sha256').update(bytes).digest('hex') });

  // 4. Download: the owner may fetch the unpublished version; ranges answer 206 with the right bytes.
  const packageUrl = `/api/v1/store/apps/${app.id}/versions/${version.id}/package`;
  const full = await request.fetch(packageUrl, { headers: { authorization: `Bearer ${developer}` }, failOnStatusCode: false });
  expect(full.status()).toBe(200);
  expect(full.headers()['content-type']).toBe('application/zip');
  expect(full.headers()['etag']).toBe(`"${version.packageDigest}"`);
  expect(full.headers()['accept-ranges']).toBe('bytes');
  expect(full.headers()['content-disposition']).toBe(`attachment; filename="${app.slug}-1.0.0.csar"`);
  expect((await full.body()).equals(bytes)).toBe(true);
  const partial = await request.fetch(packageUrl, { headers: { authorization: `Bearer ${developer}`, range: 'bytes=1000-1999' }, failOnStatusCode: false });
  expect(partial.status()).toBe(206);
  expect(partial.headers()['content-range']).toBe(`bytes 1000-1999/${size}`);
  expect((await partial.body()).equals(bytes.subarray(1000, 2000))).toBe(true);
  const tail = await request.fetch(packageUrl, { headers: { authorization: `Bearer ${developer}`, range: 'bytes=-10' }, failOnStatusCode: false });
  expect(tail.status()).toBe(206);
  expect((await tail.body()).equals(bytes.subarray(size - 10))).toBe(true);
  const beyond = await request.fetch(packageUrl, { headers: { authorization: `Bearer ${developer}`, range: `bytes=${size}-` }, failOnStatusCode: false });
  expect(beyond.status()).toBe(416);
  expect(beyond.headers()['content-range']).toBe(`bytes */${size}`);

  // 5. Others see it only once it is published; a download counts once, not per range.
  await expectProblem(await call(request, { method: 'GET', path: packageUrl }, await tokenFor('globex-developer')), 404);
  await expectProblem(await call(request, { method: 'GET', path: packageUrl }, await tokenFor('operator')), 404);
  expect((await call(request, { method: 'POST', path: `/api/v1/apps/${app.id}/versions/${version.id}/publish` }, developer)).status()).toBe(200);
  const stranger = await tokenFor('globex-operator');
  const downloads = async () => ((await (await request.get(`/api/v1/store/apps/${app.id}`)).json()) as TStoreAppDetail).downloads;
  expect(await downloads()).toBe(0);
  const first = await request.fetch(packageUrl, { headers: { authorization: `Bearer ${stranger}`, range: `bytes=0-${CHUNK - 1}` }, failOnStatusCode: false });
  expect(first.status()).toBe(206);
  const rest = await request.fetch(packageUrl, { headers: { authorization: `Bearer ${stranger}`, range: `bytes=${CHUNK}-` }, failOnStatusCode: false });
  expect(rest.status()).toBe(206);
  expect(Buffer.concat([await first.body(), await rest.body()]).equals(bytes)).toBe(true);
  expect(await downloads()).toBe(1);
  await expectProblem(await call(request, { method: 'GET', path: packageUrl }), 401);
});

test('the tus endpoint: 401 without a token, 403 for other roles, 404 across tenants, 400 naming a bad metadata key, 413 past the limit', async ({ request }) => {
  const developer = await tokenFor('developer');
  const app = await newApp(request, developer);
  const meta = (m: Record<string, string>) => Object.entries(m).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',');
  const create = (token: string | undefined, metadata: string, length = 100) => request.fetch('/api/v1/uploads', {
    method: 'POST', failOnStatusCode: false,
    headers: { 'tus-resumable': '1.0.0', 'upload-length': String(length), 'upload-metadata': metadata, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const good = meta({ appId: app.id, version: '2.0.0', filename: 'x.csar' });
  await expectProblem(await create(undefined, good), 401);
  for (const role of ['tester', 'operator', 'store-admin']) await expectProblem(await create(await tokenFor(role), good), 403);
  await expectProblem(await create(await tokenFor('globex-developer'), good), 404);
  const badVersion = await expectProblem(await create(developer, meta({ appId: app.id, version: '../1', filename: 'x.csar' })), 400);
  expect(badVersion.detail).toContain('version');
  expect(badVersion.errors?.map((e) => e.field)).toEqual(['version']);
  const noApp = await expectProblem(await create(developer, meta({ version: '1.0', filename: 'x.csar' })), 400);
  expect(noApp.errors?.[0]?.field).toBe('appId');
  await expectProblem(await create(developer, good, 9 * 1024 ** 3), 413);

  const created = await create(await tokenFor('admin'), good);
  expect(created.status()).toBe(201);
  const location = created.headers()['location']!;
  expect(location).toMatch(/^\/api\/v1\/uploads\/[0-9a-f-]{36}$/);
  const url = `${E2E.portalUrl}${location}`;
  expect((await head(url)).status).toBe(401);
  expect((await head(url, await tokenFor('tester'))).status).toBe(403);
  expect((await head(url, await tokenFor('globex-admin'))).status).toBe(404);
  expect((await head(url, developer)).headers.get('upload-offset')).toBe('0');
  const patch = (token: string) => request.fetch(location, { method: 'PATCH', failOnStatusCode: false, data: Buffer.alloc(10), headers: { 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', authorization: `Bearer ${token}` } });
  await expectProblem(await patch(await tokenFor('globex-developer')), 404);
  const appended = await patch(developer);
  expect(appended.status()).toBe(204);
  expect(appended.headers()['upload-offset']).toBe('10');

  // Cancel: 204, the row says cancelled, the bytes are gone; a second cancel is 409.
  await expectProblem(await call(request, { method: 'DELETE', path: location }, await tokenFor('globex-developer')), 404);
  const cancelled = await call(request, { method: 'DELETE', path: location }, developer);
  expect(cancelled.status()).toBe(204);
  const uploadId = location.split('/').at(-1)!;
  expect(await pollUpload(request, developer, app.id, uploadId, () => true)).toMatchObject({ state: 'cancelled', offset: 10 });
  expect((await head(url, developer)).status).toBe(404);
  await expectProblem(await call(request, { method: 'DELETE', path: location }, developer), 409);
  await expectProblem(await call(request, { method: 'GET', path: `/api/v1/apps/${app.id}/uploads/${uploadId}` }, await tokenFor('globex-developer')), 404);
});

test('a refused package fails with its report and becomes no version', async ({ request }) => {
  const developer = await tokenFor('developer');
  const app = await newApp(request, developer);
  const done = await uploadAndWait(request, developer, app.id, path.resolve(import.meta.dirname, '../../packages/app-package/test-data/edgegallery/sampleapp.csar'), '0.1.0');
  expect(done.state).toBe('failed');
  expect(done.error).toMatch(/manifest\.digest/);
  expect(done.report?.checks.filter((c) => c.status === 'fail').map((c) => [c.id, c.file])).toEqual([['manifest.digest', 'positioning-service.mf']]);
  const versions = (await (await call(request, { method: 'GET', path: `/api/v1/apps/${app.id}/versions` }, developer)).json()) as { items: TAppVersion[] };
  expect(versions.items).toEqual([]);
  expect(existsSync(path.join(DATA_DIR, 'uploads', done.id)), 'the staged file is gone').toBe(false);
});

test('deleting a validated version removes its package file from the blob store', async ({ request }) => {
  const developer = await tokenFor('developer');
  const app = await newApp(request, developer);
  const done = await uploadAndWait(request, developer, app.id, await bigPackage(4096), '3.0.0');
  expect(done.state, done.error ?? '').toBe('validated');
  const version = ((await (await call(request, { method: 'GET', path: `/api/v1/apps/${app.id}/versions` }, developer)).json()) as { items: TAppVersion[] }).items[0]!;
  const blob = path.join(DATA_DIR, 'blobs', 'sha256', version.packageDigest.slice(0, 2), version.packageDigest);
  expect(existsSync(blob)).toBe(true);
  expect(existsSync(path.join(DATA_DIR, 'uploads', done.id)), 'the staged file is gone').toBe(false);
  expect((await call(request, { method: 'DELETE', path: `/api/v1/apps/${app.id}/versions/${version.id}` }, developer)).status()).toBe(204);
  expect(existsSync(blob), 'the freed blob file is removed after the commit').toBe(false);
  await expectProblem(await call(request, { method: 'GET', path: `/api/v1/store/apps/${app.id}/versions/${version.id}/package` }, developer), 404);
});
